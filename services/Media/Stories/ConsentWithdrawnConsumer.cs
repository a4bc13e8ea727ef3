using Iom.Contracts.Campaign;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Media.Stories;

/// <summary>
/// Campaign → Media: consent withdrawn completely or for "press" → the story made from that testimony is withdrawn
/// (StoryWithdrawn, a tombstone in the feeds) and its text erased from this database. Final: the testimony is
/// remembered as withdrawn, so no TestimonyPublished — late, concurrent, redelivered or replayed — brings it back.
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

        var (source, story) = await TestimonySources.LockAsync(Db, message.TestimonyId, context.CancellationToken);
        if (source.Status != TestimonySourceStatus.ConsentWithdrawn)
        {
            source.Status = TestimonySourceStatus.ConsentWithdrawn;
            source.StatusChangedAt = message.WithdrawnAt;
        }

        if (story is null || (story.TextErased && story.SourceTextHash is null && story.WithdrawnReason == Reason))
        {
            return;
        }

        if (story.Status == StoryStatus.Withdrawn && story.TextErased)
        {
            // Taken down earlier (text already gone): the tombstone now says why it will not come back.
            story.WithdrawnReason = Reason;
            StoryLifecycle.Audit(Db, story, "consent-withdrawn", "campaign:consent-withdrawn", lifecycle.Now, Reason);
        }
        else
        {
            lifecycle.Withdraw(Db, story, Reason, "campaign:consent-withdrawn", erase: true);
        }

        story.SourceTextHash = null;
    }
}
