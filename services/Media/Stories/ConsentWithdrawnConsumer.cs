using Iom.Contracts.Campaign;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>
/// Campaign → Media: consent withdrawn completely or for "press" → every story made from that testimony is withdrawn
/// (StoryWithdrawn, a tombstone in the feeds) and its text erased from this database. The testimony id is kept, so a
/// TestimonyPublished arriving late (out of order, redelivered) does not bring the story back.
/// </summary>
public sealed class ConsentWithdrawnConsumer(MediaDbContext db, StoryLifecycle lifecycle) : IdempotentConsumer<MediaDbContext, ConsentWithdrawn>(db)
{
    public const string Reason = "The author withdrew consent.";

    protected override async Task HandleAsync(ConsentWithdrawn message, ConsumeContext<ConsentWithdrawn> context)
    {
        if (!message.Complete && !message.Purposes.Contains(ConsentPurposes.Press, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        if (await Db.WithdrawnTestimonies.FindAsync([message.TestimonyId], context.CancellationToken) is null)
        {
            Db.WithdrawnTestimonies.Add(new WithdrawnTestimony { TestimonyId = message.TestimonyId, WithdrawnAt = message.WithdrawnAt });
        }

        var stories = await Db.Stories
            .Where(s => s.SourceKind == StorySources.Testimony && s.SourceId == message.TestimonyId && !s.TextErased)
            .ToListAsync(context.CancellationToken);
        foreach (var story in stories)
        {
            lifecycle.Withdraw(Db, story, Reason, "campaign:consent-withdrawn", erase: true);
        }
    }
}

public sealed class ConsentWithdrawnConsumerDefinition : ConsumerDefinition<ConsentWithdrawnConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ConsentWithdrawnConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseStandardRetry();
}
