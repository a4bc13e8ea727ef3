using Iom.Contracts.Campaign;
using Iom.Contracts.Reference;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Iom.Media.Stories;

/// <summary>
/// Campaign → Media: a testimony cleared for press ("press" among its purposes) becomes a story, published at once
/// or left as a draft for an editor (setting Media:AutoPublishTestimonies, default true). Without "press": nothing.
/// Published again (a moderator re-approved it, often after a safety edit): the story takes the new text — a
/// correction whose note says the text was edited for safety, or the story comes back if it was taken down with the
/// testimony. Ordered by the testimony's own time; never after a withdrawal of press consent.
/// </summary>
public sealed class TestimonyPublishedConsumer(MediaDbContext db, StoryLifecycle lifecycle, IOptions<MediaSettings> settings)
    : IdempotentConsumer<MediaDbContext, TestimonyPublished>(db)
{
    public const string UsageTerms = "Free to use with attribution to the author and to IOM's Together campaign; do not alter the testimony.";
    private const string Actor = "campaign:testimony-published";

    protected override async Task HandleAsync(TestimonyPublished message, ConsumeContext<TestimonyPublished> context)
    {
        var (source, story) = await TestimonySources.LockAsync(Db, message.TestimonyId, context.CancellationToken);
        if (source.Status == TestimonySourceStatus.ConsentWithdrawn
            || !source.ApplyStatus(TestimonySourceStatus.Published, message.PublishedAt)
            || !message.Purposes.Contains(ConsentPurposes.Press, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var text = TextOf(message);
        if (story is null)
        {
            Create(message, text);
        }
        else if (TestimonySources.TakenDownWithSource(story))
        {
            var edited = story.SourceTextHash is null || !story.SourceTextHash.AsSpan().SequenceEqual(text.Hash());
            lifecycle.Restore(Db, story, text, edited ? TestimonySources.EditedNote : TestimonySources.UnchangedNote, Actor);
        }
        else if (story.Status is StoryStatus.Published or StoryStatus.Corrected
            && (story.SourceTextHash is null || !story.SourceTextHash.AsSpan().SequenceEqual(text.Hash())))
        {
            lifecycle.Correct(Db, story, TestimonySources.EditedNote, text.Headline, text.Summary, text.Body, Actor);
            text.ApplyTo(story);
        }
        else if (story.IsEditable)
        {
            text.ApplyTo(story); // not on the feed yet (a draft for an editor): the cleared text replaces the old one
            StoryLifecycle.Audit(Db, story, "source-updated", Actor, lifecycle.Now);
        }
    }

    private void Create(TestimonyPublished message, StoryText text)
    {
        var regions = new[] { message.CountryOfResidence, message.CountryOfOrigin }
            .Where(c => c is not null && Countries.IsKnown(c)).Select(c => Countries.RegionOf(c!)!).Distinct().ToList();
        var story = CreateStory.New(
            lifecycle.Now,
            text.Headline,
            text.Summary,
            text.Body,
            [.. message.Themes.Where(Themes.IsKnown).Distinct()],
            regions,
            Languages.IsKnown(message.Language) ? [message.Language.ToLowerInvariant()] : [],
            StorySources.Testimony,
            message.TestimonyId,
            text.Attribution,
            UsageTerms);
        story.SourceTextHash = text.Hash();
        Db.Stories.Add(story);
        StoryLifecycle.Audit(Db, story, "created", Actor, story.CreatedAt);
        if (settings.Value.AutoPublishTestimonies)
        {
            lifecycle.Publish(Db, story, Actor);
        }
    }

    private static StoryText TextOf(TestimonyPublished message)
    {
        var headline = string.IsNullOrWhiteSpace(message.Title) ? "A migrant's testimony" : message.Title.Trim();
        return new StoryText(
            headline.Length > StoryInput.HeadlineMax ? headline[..StoryInput.HeadlineMax] : headline,
            message.Story.Length > 280 ? message.Story[..277] + "..." : message.Story,
            message.Story,
            message.AuthorDisplay);
    }
}
