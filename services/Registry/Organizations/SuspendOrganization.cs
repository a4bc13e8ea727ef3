using System.Security.Claims;
using Iom.Contracts.Registry;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Registry.Organizations;

/// <summary>Suspend an active partner (reason required): other services stop letting it take part. Stages PartnerSuspended.</summary>
internal static class SuspendOrganization
{
    public static Task<Results<Ok<OrganizationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, StatusChange.ReasonRequest request, ClaimsPrincipal user, HttpContext http, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        StatusChange.ApplyAsync(id, OrganizationStatus.Suspended, request.Reason, reasonRequired: true,
            (o, now) => new PartnerSuspended(o.Id, o.Type.ToWire(), o.StatusReason!, now), user, http, db, clock, cancellationToken);
}
