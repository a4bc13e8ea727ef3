using Iom.Contracts.Campaign;
using Iom.Contracts.Reference;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>
/// Campaign → Media: a testimony cleared for press ("press" among its purposes) becomes a story, published at once
/// or left as a draft for an editor (setting Media:AutoPublishTestimonies, default true). Without "press": nothing.
/// </summary>
public sealed class TestimonyPublishedConsumer(MediaDbContext db, StoryLifecycle lifecycle, IConfiguration configuration)
    : IdempotentConsumer<MediaDbContext, TestimonyPublished>(db)
{
    public const string UsageTerms = "Free to use with attribution to the author and to IOM's Together campaign; do not alter the testimony.";

    protected override async Task HandleAsync(TestimonyPublished message, ConsumeContext<TestimonyPublished> context)
    {
        if (!message.Purposes.Contains(ConsentPurposes.Press, StringComparer.OrdinalIgnoreCase)
            || await Db.Stories.AnyAsync(s => s.SourceKind == StorySources.Testimony && s.SourceId == message.TestimonyId, context.CancellationToken)
            || await Db.WithdrawnTestimonies.AnyAsync(w => w.TestimonyId == message.TestimonyId, context.CancellationToken))
        {
            return;
        }

        var regions = new[] { message.CountryOfResidence, message.CountryOfOrigin }
            .Where(c => c is not null && Countries.IsKnown(c)).Select(c => Countries.RegionOf(c!)!).Distinct().ToList();
        var headline = string.IsNullOrWhiteSpace(message.Title) ? "A migrant's testimony" : message.Title.Trim();
        var story = CreateStory.New(
            lifecycle.Now,
            headline.Length > StoryInput.HeadlineMax ? headline[..StoryInput.HeadlineMax] : headline,
            message.Story.Length > 280 ? message.Story[..277] + "..." : message.Story,
            message.Story,
            [.. message.Themes.Where(Themes.IsKnown).Distinct()],
            regions,
            Languages.IsKnown(message.Language) ? [message.Language.ToLowerInvariant()] : [],
            StorySources.Testimony,
            message.TestimonyId,
            message.AuthorDisplay,
            UsageTerms);
        Db.Stories.Add(story);
        StoryLifecycle.Audit(Db, story, "created", "campaign:testimony-published", story.CreatedAt);
        if (configuration.GetValue("Media:AutoPublishTestimonies", true))
        {
            lifecycle.Publish(Db, story, "campaign:testimony-published");
        }
    }
}

public sealed class TestimonyPublishedConsumerDefinition : ConsumerDefinition<TestimonyPublishedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TestimonyPublishedConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseStandardRetry();
}
