using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.Campaign.Public;
using Iom.Contracts.Campaign;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Actions;

/// <summary>The organising CSO (or staff) cancels an upcoming action: VolunteerActionCancelled, gone from the listing.</summary>
internal static class CancelVolunteerAction
{
    public sealed record Request(string? Reason) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("The venue is closed for repairs; the meal moves to next month.");
    }

    public static async Task<IResult> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, CampaignDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var action = await db.VolunteerActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null || !user.MayActFor(action.OrganizationId))
        {
            return TypedResults.NotFound();
        }

        var reason = request.Reason?.Trim() ?? string.Empty;
        var errors = new ValidationErrors()
            .Require(reason.Length > 0, "reason", "A reason is required.")
            .Require(reason.Length <= 1000, "reason", "The reason is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        if (action.Cancelled || action.StartsAt <= now)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: action.Cancelled ? "The action is already cancelled." : "The action has already started.",
                detail: $"Action {action.Id}.");
        }

        action.Cancelled = true;
        action.CancellationReason = reason;
        action.CancelledAt = now;
        db.StageEvent(new VolunteerActionCancelled(action.Id, action.OrganizationId, reason, now), clock);
        db.EvictAfterCommit(PublicCache.Actions);
        await db.SaveChangesAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == action.OrganizationId, cancellationToken);
        return TypedResults.Ok(ActionView.From(action, partner, now));
    }
}
