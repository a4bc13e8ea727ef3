using System.Security.Claims;
using Iom.Media.Data;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>Edit a story before it is published (draft, scheduled, embargoed); afterwards only corrections.</summary>
internal static class EditStory
{
    public sealed record Request(
        string? Headline, string? Summary, string? Body, IReadOnlyList<string?>? Themes, IReadOnlyList<string?>? Regions,
        IReadOnlyList<string?>? Languages, string? Attribution, string? UsageTerms) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("East African civil society sets priorities for the migration compact review", "Delegates from 38 organisations met in Nairobi.", "Migrant associations, diaspora groups and NGOs from eight countries agreed on three priorities: safe labour pathways, skills recognition and protection of migrant domestic workers.", ["migration-governance"], ["Sub-Saharan Africa"], ["en"], "IOM / Migrant Voices Network", "Free to republish with attribution; photos excluded.");
    }

    public static async Task<Results<Ok<StoryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, MediaDbContext db, StoryLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        StoryInput.ValidateText(errors, request.Headline, request.Summary, request.Body);
        var themes = StoryInput.Themes(errors, request.Themes);
        var regions = StoryInput.Regions(errors, request.Regions);
        var languages = StoryInput.Languages(errors, request.Languages);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var story = await db.Stories.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null)
        {
            return TypedResults.NotFound();
        }

        if (!story.IsEditable)
        {
            return StoryProblems.Conflict($"A {WireNames.ToWire(story.Status)} story cannot be edited; correct it instead.");
        }

        story.Headline = request.Headline!.Trim();
        story.Summary = StoryInput.Trimmed(request.Summary);
        story.Body = request.Body;
        story.Themes = themes;
        story.Regions = regions;
        story.Languages = languages;
        story.Attribution = StoryInput.Trimmed(request.Attribution);
        story.UsageTerms = StoryInput.Trimmed(request.UsageTerms);
        StoryLifecycle.Audit(db, story, "edited", user.Actor(), lifecycle.Now);
        return await StoryProblems.SaveAsync(db, story, cancellationToken);
    }
}
