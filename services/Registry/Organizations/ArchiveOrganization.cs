using System.Security.Claims;
using Iom.Contracts.Registry;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Registry.Organizations;

/// <summary>Archive a partner for good (reason required); it stays in history. Stages PartnerArchived.</summary>
internal static class ArchiveOrganization
{
    public static Task<Results<Ok<OrganizationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, StatusChange.ReasonRequest request, ClaimsPrincipal user, HttpContext http, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        StatusChange.ApplyAsync(id, OrganizationStatus.Archived, request.Reason, reasonRequired: true,
            (o, now) => new PartnerArchived(o.Id, o.Type.ToWire(), o.StatusReason!, now), user, http, db, clock, cancellationToken);
}
