using System.Security.Claims;
using Iom.Data;
using Iom.Messaging;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Observers;

/// <summary>
/// An organisation applies for IOM Council observer status (its focal point, or a registry editor for it):
/// submission date, supporting statement, the admission criteria it meets. One open application at a time:
/// a second one is a 400 naming "organizationId".
/// </summary>
internal static class ApplyForObserverStatus
{
    public sealed record Request(DateOnly? SubmittedOn, string? SupportingStatement, IReadOnlyList<string?>? CriteriaMet) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(ExampleDates.Today, "Migrant Voices Network has supported migrant and diaspora associations in East Africa since 2009, runs legal aid desks in Nairobi and Kampala and contributed to the regional civil society consultations on the Global Compact for Migration.", ["concerned-with-migration", "non-governmental-and-not-for-profit", "international-or-regional-reach", "supports-iom-purposes"]);
    }

    public static async Task<Results<Created<ObserverApplicationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(id))
        {
            return TypedResults.NotFound();
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new FieldErrors();
        errors.Require(request.SubmittedOn is not null, "submittedOn", "The submission date is required (yyyy-mm-dd).");
        errors.Require(request.SubmittedOn is null || request.SubmittedOn <= today.AddDays(1), "submittedOn", "The submission date is in the future.");
        var statement = request.SupportingStatement?.Trim();
        errors.Require(!string.IsNullOrEmpty(statement), "supportingStatement", "A supporting statement is required.");
        errors.Require(statement is null || statement.Length <= 4000, "supportingStatement", "The supporting statement is longer than 4000 characters.");
        var criteria = new List<string>();
        errors.Require(request.CriteriaMet is { Count: > 0 }, "criteriaMet", $"Name the admission criteria met: {string.Join(", ", AdmissionCriteria.All)}.");
        for (var i = 0; i < (request.CriteriaMet?.Count ?? 0); i++)
        {
            var criterion = request.CriteriaMet![i]?.Trim().ToLowerInvariant();
            if (AdmissionCriteria.IsKnown(criterion))
            {
                criteria.Add(criterion!);
            }
            else
            {
                errors.Add($"criteriaMet[{i}]", $"Unknown admission criterion '{request.CriteriaMet[i]}'.");
            }
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return TypedResults.NotFound();
        }

        if (organization.Status != OrganizationStatus.Active || organization.IsObserver)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The organisation cannot apply.",
                detail: organization.IsObserver ? "The organisation already holds observer status." : "Only an active organisation may apply.");
        }

        if (await db.ObserverApplications.AnyAsync(a => a.OrganizationId == id && (a.Status == ObserverApplicationStatus.Submitted || a.Status == ObserverApplicationStatus.UnderReview), cancellationToken))
        {
            return AlreadyOpen();
        }

        var application = new ObserverApplication
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = id,
            SubmittedOn = request.SubmittedOn!.Value,
            SupportingStatement = statement!,
            CriteriaMet = criteria.Distinct(StringComparer.Ordinal).ToList(),
            Status = ObserverApplicationStatus.Submitted,
        };
        db.ObserverApplications.Add(application);
        db.Audit(id, user.Actor(), "observer-applied", [], clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return AlreadyOpen();
        }

        return TypedResults.Created($"/api/registry/observer-applications/{application.Id}", ObserverApplicationResponse.From(application));
    }

    private static ValidationProblem AlreadyOpen() =>
        new FieldErrors().Add("organizationId", "The organisation already has an open observer application; wait for its decision.").ToProblem();
}
