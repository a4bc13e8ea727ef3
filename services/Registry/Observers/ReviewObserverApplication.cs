using System.Security.Claims;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Observers;

/// <summary>Staff take a submitted application under review (with notes) before it goes to the Council.</summary>
internal static class ReviewObserverApplication
{
    public sealed record Request(string? Notes) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Statutes, 2025 annual report and audited accounts checked against the admission criteria; the Legal Office has no objection.");
    }

    public static async Task<Results<Ok<ObserverApplicationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        var errors = new FieldErrors().Require(notes is null || notes.Length <= 4000, "notes", "The notes are longer than 4000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var application = await db.ObserverApplications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return TypedResults.NotFound();
        }

        if (application.Status != ObserverApplicationStatus.Submitted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The application is not waiting for review.",
                detail: $"The application is {WireNames.ToWire(application.Status)}.");
        }

        application.Status = ObserverApplicationStatus.UnderReview;
        application.ReviewedBy = user.Actor();
        application.ReviewNotes = notes;
        db.Audit(application.OrganizationId, user.Actor(), "observer-reviewed", [], clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ObserverApplicationResponse.From(application));
    }
}
