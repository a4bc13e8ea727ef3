using System.Security.Claims;
using Iom.Media.Data;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Media.Stories;

/// <summary>Correct a published story: a note (required) and optionally new text; the item's "updated" moves.</summary>
internal static class CorrectStory
{
    public sealed record Request(string? Note, string? Headline, string? Summary, string? Body) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Corrected the number of participants: 38 organisations, not 83.", null, "Delegates from 38 civil society organisations met in Nairobi to prepare the regional review of the Global Compact for Migration.", null);
    }

    public static async Task<Results<Ok<StoryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, MediaDbContext db, StoryLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Note), "note", "A correction note is required.");
        errors.Require(request.Note is null || request.Note.Trim().Length <= 2000, "note", "The note is longer than 2000 characters.");
        errors.Require(request.Headline is null || !string.IsNullOrWhiteSpace(request.Headline), "headline", "The headline cannot be emptied.");
        errors.Require(request.Headline is null || request.Headline.Trim().Length <= StoryInput.HeadlineMax, "headline", "The headline is too long.");
        errors.Require(request.Summary is null || request.Summary.Trim().Length <= StoryInput.SummaryMax, "summary", "The summary is too long.");
        errors.Require(request.Body is null || request.Body.Length <= StoryInput.BodyMax, "body", "The body is too long.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        return await StoryProblems.TransitionAsync(id, db, story => lifecycle.Correct(
            db, story, request.Note!.Trim(), request.Headline?.Trim(), request.Summary?.Trim(), request.Body, user.Actor()), cancellationToken);
    }
}
