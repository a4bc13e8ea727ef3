using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;

namespace Iom.Campaign.Moderation;

/// <summary>A moderator rejects a testimony with a reason; it is never published.</summary>
internal static class RejectTestimony
{
    public sealed record Request(string? Reason) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("The story is an advertisement for a recruitment agency, not a personal testimony.");
    }

    public static Task<IResult> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, CampaignDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim() ?? string.Empty;
        var errors = new ValidationErrors()
            .Require(reason.Length > 0, "reason", "A reason is required.")
            .Require(reason.Length <= 1000, "reason", "The reason is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return Task.FromResult<IResult>(errors.ToProblem());
        }

        return ModerationAction.RunAsync(id, db, cancellationToken, testimony =>
        {
            if (!testimony.CanBeRejected)
            {
                return Publishing.IllegalTransition(testimony, "rejected");
            }

            var now = clock.GetUtcNow();
            testimony.State = TestimonyState.Rejected;
            testimony.PublishAt = null;
            testimony.ModerationNote = reason;
            testimony.UpdatedAt = now;
            Publishing.Audit(db, testimony.Id, user.Actor(), "rejected", reason, now);
            return null;
        });
    }
}
