using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;

namespace Iom.Campaign.Moderation;

/// <summary>
/// A moderator puts a testimony on hold: a pending one waits, a scheduled one is not published, a published one is
/// taken down at once (TestimonyUnpublished).
/// </summary>
internal static class HoldTestimony
{
    public sealed record Request(string? Reason) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Checking with the submitting organisation that the town named in the story does not identify the author.");
    }

    public static Task<IResult> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, CampaignDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        var errors = new ValidationErrors().Require(reason is null || reason.Length <= 1000, "reason", "The reason is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return Task.FromResult<IResult>(errors.ToProblem());
        }

        return ModerationAction.RunAsync(id, db, cancellationToken, testimony =>
        {
            if (!testimony.CanBeHeld)
            {
                return Publishing.IllegalTransition(testimony, "put on hold");
            }

            var now = clock.GetUtcNow();
            if (testimony.State == TestimonyState.Published)
            {
                Publishing.Unpublish(db, testimony, TestimonyState.OnHold, "held by a moderator", now, clock);
                Publishing.Audit(db, testimony.Id, user.Actor(), "unpublished", reason, now);
            }

            testimony.State = TestimonyState.OnHold;
            testimony.PublishAt = null;
            testimony.ModerationNote = string.IsNullOrEmpty(reason) ? testimony.ModerationNote : reason;
            testimony.UpdatedAt = now;
            Publishing.Audit(db, testimony.Id, user.Actor(), "held", reason, now);
            return null;
        });
    }
}
