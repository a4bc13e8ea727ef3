using System.Security.Claims;
using Iom.Contracts.Registry;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Registry.Organizations;

/// <summary>Reinstate a suspended partner (reason optional). Stages PartnerReinstated.</summary>
internal static class ReinstateOrganization
{
    public static Task<Results<Ok<OrganizationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, StatusChange.ReasonRequest request, ClaimsPrincipal user, HttpContext http, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        StatusChange.ApplyAsync(id, OrganizationStatus.Active, request.Reason, reasonRequired: false,
            (o, now) => new PartnerReinstated(o.Id, o.Type.ToWire(), now), user, http, db, clock, cancellationToken);
}
