using System.Security.Claims;
using Iom.Media.Data;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Media.Stories;

/// <summary>Schedule a draft to be published at a future time (the scheduler publishes it).</summary>
internal static class ScheduleStory
{
    public sealed record Request(DateTimeOffset? PublishAt) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(ExampleDates.At(2, 6));
    }

    public static async Task<Results<Ok<StoryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, MediaDbContext db, StoryLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.PublishAt is not null, "publishAt", "A publication time is required.");
        errors.Require(request.PublishAt is null || request.PublishAt > lifecycle.Now, "publishAt", "The publication time is in the past.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        return await StoryProblems.TransitionAsync(id, db, story => lifecycle.Schedule(db, story, request.PublishAt!.Value, user.Actor()), cancellationToken);
    }
}
