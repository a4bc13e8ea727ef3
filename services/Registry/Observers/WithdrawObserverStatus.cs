using System.Security.Claims;
using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Observers;

/// <summary>Withdraws an organisation's observer status (reason and date). Stages ObserverStatusWithdrawn.</summary>
internal static class WithdrawObserverStatus
{
    public sealed record Request(string? Reason, DateOnly? WithdrawnOn) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("The network has merged into the Pan-African Diaspora Alliance, which holds observer status in its own name.", ExampleDates.Today);
    }

    public static async Task<Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = request.Reason?.Trim();
        errors.Require(!string.IsNullOrEmpty(reason) && reason.Length <= 1000, "reason", "A reason (at most 1000 characters) is required.");
        errors.Require(request.WithdrawnOn is not null, "withdrawnOn", "The withdrawal date is required (yyyy-mm-dd).");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return TypedResults.NotFound();
        }

        if (!organization.IsObserver)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The organisation is not an observer.");
        }

        if (request.WithdrawnOn < organization.ObserverSince)
        {
            return errors.Add("withdrawnOn", "The withdrawal cannot come before the grant.").ToProblem();
        }

        var granted = await db.ObserverApplications.Where(a => a.OrganizationId == id && a.Status == ObserverApplicationStatus.Granted && a.WithdrawnOn == null)
            .OrderByDescending(a => a.DecidedOn).FirstOrDefaultAsync(cancellationToken);
        if (granted is not null)
        {
            granted.WithdrawnOn = request.WithdrawnOn;
            granted.WithdrawalReason = reason;
        }

        var now = clock.GetUtcNow();
        organization.IsObserver = false;
        organization.ObserverSince = null;
        organization.Touch(now);
        db.Audit(id, user.Actor(), "observer-withdrawn", ["isObserver", "observerSince"], now);
        db.StageEvent(new ObserverStatusWithdrawn(id, reason!, request.WithdrawnOn!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok();
    }
}
