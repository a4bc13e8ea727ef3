using Iom.Contracts.Consultations;
using Iom.Contracts.Reference;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>Consultations → Media: a published Research Syndicate paper becomes a draft story for the media team to edit and publish.</summary>
public sealed class ResearchPaperPublishedConsumer(MediaDbContext db, StoryLifecycle lifecycle)
    : IdempotentConsumer<MediaDbContext, ResearchPaperPublished>(db)
{
    protected override async Task HandleAsync(ResearchPaperPublished message, ConsumeContext<ResearchPaperPublished> context)
    {
        if (await Db.Stories.AnyAsync(s => s.SourceKind == StorySources.ResearchPaper && s.SourceId == message.PaperId, context.CancellationToken))
        {
            return;
        }

        var headline = "Research: " + message.Title.Trim();
        var byline = message.Institution is null ? message.Author : $"{message.Author} ({message.Institution})";
        var body = $"{message.Abstract}\n\nA short technical paper by {byline} of the Migration Research Leaders Syndicate, for "
            + $"{message.SessionTitle} ({message.ConsultationTitle}).\nRead it: {message.PaperPath}";
        var region = StoryInput.CanonicalRegion(message.Region);
        var story = CreateStory.New(
            lifecycle.Now,
            headline.Length > StoryInput.HeadlineMax ? headline[..StoryInput.HeadlineMax] : headline,
            message.Abstract.Length > StoryInput.SummaryMax ? message.Abstract[..StoryInput.SummaryMax] : message.Abstract,
            body,
            [.. message.Themes.Where(Themes.IsKnown).Distinct()],
            region is null ? [] : [region],
            ["en"],
            StorySources.ResearchPaper,
            message.PaperId,
            byline.Length > 300 ? byline[..300] : byline,
            $"Licence: {message.Licence}.");
        Db.Stories.Add(story);
        StoryLifecycle.Audit(Db, story, "created", "consultations:research-paper-published", story.CreatedAt);
    }
}

public sealed class ResearchPaperPublishedConsumerDefinition : ConsumerDefinition<ResearchPaperPublishedConsumer>
{
    /// <summary>One paper at a time per replica: the "already a story for this paper" check then sees the previous delivery's story.</summary>
    public ResearchPaperPublishedConsumerDefinition() => ConcurrentMessageLimit = 1;
}
