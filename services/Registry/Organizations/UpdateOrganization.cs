using System.Security.Claims;
using Iom.Data;
using Iom.Messaging;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Organizations;

/// <summary>
/// Replace an organisation's profile (PUT) under If-Match. Registry editors may update any organisation, a
/// focal point only its own (others: 404). Changed fields go to the audit trail; a change to the public
/// profile stages PartnerUpdated; focal points (when sent) are replaced but never leave the registry.
/// Sending the same profile again changes nothing.
/// </summary>
internal static class UpdateOrganization
{
    public static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, RegisterOrganization.Request request, ClaimsPrincipal user, HttpContext http, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(id))
        {
            return TypedResults.NotFound();
        }

        var organization = await db.Organizations.Include(o => o.FocalPoints.OrderBy(f => f.Id)).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return TypedResults.NotFound();
        }

        if (!Preconditions.HasIfMatch(http.Request))
        {
            return Preconditions.Required();
        }

        var errors = new FieldErrors();
        var profile = RegisterOrganization.Validate(errors, request);
        var focalPoints = ProfileInput.ValidateFocalPoints(errors, request.FocalPoints);
        if (profile is null || !errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (!Preconditions.Matches(http.Request, organization))
        {
            return Preconditions.Failed(organization);
        }

        if (organization.Status == OrganizationStatus.Archived)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The organisation is archived.", detail: "An archived organisation's profile can no longer change.");
        }

        var now = clock.GetUtcNow();
        var changed = organization.Apply(profile, now).ToList();
        var focalPointsChanged = focalPoints is not null && organization.ReplaceFocalPoints(focalPoints, now);
        if (changed.Count > 0)
        {
            db.StageEvent(PartnerEventsFactory.Updated(organization, changed));
        }

        if (changed.Count > 0 || focalPointsChanged)
        {
            db.Audit(organization.Id, user.Actor(), "updated", focalPointsChanged ? changed.Append("focalPoints") : changed, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Preconditions.Failed(organization);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The organisation is already registered.",
                    detail: $"Another organisation named '{profile.Name}' is registered in {profile.Country}.");
            }
        }

        http.Response.Headers.ETag = organization.ETag;
        return TypedResults.Ok(OrganizationResponse.From(organization, includeFocalPoints: user.IsStaff()));
    }
}
