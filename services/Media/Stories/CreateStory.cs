using System.Security.Claims;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Media.Stories;

/// <summary>An editor writes a story (a draft); it goes out by publish, schedule or embargo.</summary>
internal static class CreateStory
{
    public sealed record Request(
        string? Headline, string? Summary, string? Body, IReadOnlyList<string?>? Themes, IReadOnlyList<string?>? Regions,
        IReadOnlyList<string?>? Languages, string? Source, Guid? SourceId, string? Attribution, string? UsageTerms) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("East African civil society sets priorities for the migration compact review", "Delegates from 38 organisations met in Nairobi.", "Migrant associations, diaspora groups and NGOs from eight countries agreed on three priorities: safe labour pathways, skills recognition and protection of migrant domestic workers.", ["migration-governance"], ["Sub-Saharan Africa"], ["en"], "media-team", null, "IOM / Migrant Voices Network", "Free to republish with attribution; photos excluded.");
    }

    public static async Task<Results<Created<StoryResponse>, ValidationProblem>> HandleAsync(
        Request request, MediaDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        StoryInput.ValidateText(errors, request.Headline, request.Summary, request.Body);
        var themes = StoryInput.Themes(errors, request.Themes);
        var regions = StoryInput.Regions(errors, request.Regions);
        var languages = StoryInput.Languages(errors, request.Languages);
        var source = request.Source?.Trim().ToLowerInvariant() ?? StorySources.MediaTeam;
        errors.Require(StorySources.IsKnown(source), "source", $"Unknown source '{request.Source}'. Known: {string.Join(", ", StorySources.All)}.");
        errors.Require(source == StorySources.MediaTeam || request.SourceId is not null, "sourceId", "A story from a testimony or a consultation outcome names its source id.");
        errors.Require(request.Attribution is null || request.Attribution.Trim().Length <= 300, "attribution", "The attribution is longer than 300 characters.");
        errors.Require(request.UsageTerms is null || request.UsageTerms.Trim().Length <= 1000, "usageTerms", "The usage terms are longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var story = New(clock.GetUtcNow(), request.Headline!.Trim(), StoryInput.Trimmed(request.Summary), request.Body, themes, regions, languages,
            source, request.SourceId, StoryInput.Trimmed(request.Attribution), StoryInput.Trimmed(request.UsageTerms));
        db.Stories.Add(story);
        StoryLifecycle.Audit(db, story, "created", user.Actor(), story.CreatedAt);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/media/stories/{story.Id}", StoryResponse.From(story));
    }

    public static Story New(
        DateTimeOffset now, string headline, string? summary, string? body, List<string> themes, List<string> regions, List<string> languages,
        string source, Guid? sourceId, string? attribution, string? usageTerms) => new()
        {
            Id = Guid.CreateVersion7(),
            Headline = headline,
            Summary = summary,
            Body = body,
            Themes = themes,
            Regions = regions,
            Languages = languages,
            SourceKind = source,
            SourceId = sourceId,
            Attribution = attribution,
            UsageTerms = usageTerms,
            Status = StoryStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
}
