using System.Security.Claims;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Organizations;

/// <summary>What suspending, reinstating and archiving share: load, check If-Match when sent, move, audit, stage the event, one save.</summary>
internal static class StatusChange
{
    public sealed record ReasonRequest(string? Reason) : IRequestExample<ReasonRequest>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static ReasonRequest Example => new("Suspended while the audit of the 2025 implementing partner agreement is completed.");
    }

    public static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> ApplyAsync(
        Guid id,
        OrganizationStatus to,
        string? reason,
        bool reasonRequired,
        Func<Organization, DateTimeOffset, object> @event,
        ClaimsPrincipal user,
        HttpContext http,
        RegistryDbContext db,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        errors.Require(!reasonRequired || trimmed is not null, "reason", "A reason is required.");
        errors.Require(trimmed is null || trimmed.Length <= 1000, "reason", "The reason is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.HasIfMatch(http.Request) && !Preconditions.Matches(http.Request, organization))
        {
            return Preconditions.Failed(organization);
        }

        var from = organization.Status;
        var now = clock.GetUtcNow();
        if (!organization.ChangeStatus(to, trimmed, now))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The status cannot change this way.",
                detail: $"The organisation is {WireNames.ToWire(from)}; it cannot become {WireNames.ToWire(to)}.");
        }

        db.Audit(organization.Id, user.Actor(), WireNames.ToWire(to) switch { "active" => "reinstated", var s => s }, ["status", "statusReason"], now);
        db.StageEvent(@event(organization, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Failed(organization);
        }

        http.Response.Headers.ETag = organization.ETag;
        return TypedResults.Ok(OrganizationResponse.From(organization, includeFocalPoints: false));
    }
}
