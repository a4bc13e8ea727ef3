using System.Security.Claims;
using Iom.Media.Data;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Media.Stories;

/// <summary>Withdraw a story (reason required): feeds show a tombstone for the retention period; StoryWithdrawn.</summary>
internal static class WithdrawStory
{
    public sealed record Request(string? Reason) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("The author withdrew consent for press use of her testimony.");
    }

    public static async Task<Results<Ok<StoryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, MediaDbContext db, StoryLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "A reason is required.");
        errors.Require(request.Reason is null || request.Reason.Trim().Length <= 1000, "reason", "The reason is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        return await StoryProblems.TransitionAsync(id, db, story => lifecycle.Withdraw(db, story, request.Reason!.Trim(), user.Actor(), erase: false), cancellationToken);
    }
}
