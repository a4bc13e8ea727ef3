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

/// <summary>
/// Records the Council's decision on a reviewed application: granted or declined, decision date and reference.
/// Granted makes the organisation an observer and stages ObserverStatusGranted.
/// </summary>
internal static class DecideObserverApplication
{
    public sealed record Request(string? Decision, DateOnly? DecidedOn, string? Reference) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("granted", ExampleDates.Today, "Council decision C/117/RES/4");
    }

    public static async Task<Results<Ok<ObserverApplicationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var granted = request.Decision?.Trim().ToLowerInvariant() switch { "granted" => true, "declined" => false, _ => (bool?)null };
        errors.Require(granted is not null, "decision", "decision must be granted or declined.");
        errors.Require(request.DecidedOn is not null, "decidedOn", "The decision date is required (yyyy-mm-dd).");
        var reference = request.Reference?.Trim();
        errors.Require(!string.IsNullOrEmpty(reference) && reference.Length <= 100, "reference", "The Council's decision reference (at most 100 characters) is required.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var application = await db.ObserverApplications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return TypedResults.NotFound();
        }

        if (request.DecidedOn < application.SubmittedOn)
        {
            return errors.Add("decidedOn", "The decision cannot come before the submission.").ToProblem();
        }

        if (application.Status != ObserverApplicationStatus.UnderReview)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The application is not under review.",
                detail: $"The application is {WireNames.ToWire(application.Status)}; staff review comes before the Council's decision.");
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == application.OrganizationId, cancellationToken);
        var now = clock.GetUtcNow();
        application.Status = granted!.Value ? ObserverApplicationStatus.Granted : ObserverApplicationStatus.Declined;
        application.DecidedOn = request.DecidedOn;
        application.DecisionReference = reference;
        if (granted.Value)
        {
            organization.IsObserver = true;
            organization.ObserverSince = request.DecidedOn;
            organization.Touch(now);
            db.StageEvent(new ObserverStatusGranted(organization.Id, reference!, request.DecidedOn!.Value));
        }

        db.Audit(organization.Id, user.Actor(), granted.Value ? "observer-granted" : "observer-declined", granted.Value ? ["isObserver", "observerSince"] : [], now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ObserverApplicationResponse.From(application));
    }
}
