using Iom.Contracts.Consultations;
using Iom.Contracts.Reference;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>Consultations → Media: a consultation's outcome becomes a draft story for the media team to edit and publish.</summary>
public sealed class ConsultationOutcomePublishedConsumer(MediaDbContext db, StoryLifecycle lifecycle)
    : IdempotentConsumer<MediaDbContext, ConsultationOutcomePublished>(db)
{
    protected override async Task HandleAsync(ConsultationOutcomePublished message, ConsumeContext<ConsultationOutcomePublished> context)
    {
        if (await Db.Stories.AnyAsync(s => s.SourceKind == StorySources.ConsultationOutcome && s.SourceId == message.ConsultationId, context.CancellationToken))
        {
            return;
        }

        var headline = string.IsNullOrWhiteSpace(message.Title) ? "Consultation outcome" : "Outcome: " + message.Title.Trim();
        var body = message.Summary + (message.Recommendations.Count == 0 ? string.Empty
            : "\n\nRecommendations:\n" + string.Join("\n", message.Recommendations.Select(r => "- " + r)));
        var region = StoryInput.CanonicalRegion(message.Region);
        var story = CreateStory.New(
            lifecycle.Now,
            headline.Length > StoryInput.HeadlineMax ? headline[..StoryInput.HeadlineMax] : headline,
            message.Summary.Length > StoryInput.SummaryMax ? message.Summary[..StoryInput.SummaryMax] : message.Summary,
            body,
            [.. message.Themes.Where(Themes.IsKnown).Distinct()],
            region is null ? [] : [region],
            ["en"],
            StorySources.ConsultationOutcome,
            message.ConsultationId,
            "IOM",
            "Free to use with attribution to IOM.");
        Db.Stories.Add(story);
        StoryLifecycle.Audit(Db, story, "created", "consultations:outcome-published", story.CreatedAt);
    }
}
