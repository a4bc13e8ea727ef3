using System.Security.Claims;
using Iom.Media.Data;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Media.Stories;

/// <summary>Share a story under embargo until a future time: only keys with embargo access see it, marked with the time.</summary>
internal static class EmbargoStory
{
    public sealed record Request(DateTimeOffset? Until) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(ExampleDates.At(3, 6));
    }

    public static async Task<Results<Ok<StoryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, MediaDbContext db, StoryLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Until is not null, "until", "The end of the embargo is required.");
        errors.Require(request.Until is null || request.Until > lifecycle.Now, "until", "The end of the embargo is in the past.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        return await StoryProblems.TransitionAsync(id, db, story => lifecycle.Embargo(db, story, request.Until!.Value, user.Actor()), cancellationToken);
    }
}
