using System.Security.Claims;
using Iom.Registry.Data;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Organizations;

/// <summary>One organisation with its ETag. Staff see the focal points; a focal point sees its own organisation only (others: 404).</summary>
internal static class GetOrganization
{
    public static async Task<Results<Ok<OrganizationResponse>, NotFound>> HandleAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(id))
        {
            return TypedResults.NotFound();
        }

        var staff = user.IsStaff();
        var query = db.Organizations.AsNoTracking();
        if (staff)
        {
            query = query.Include(o => o.FocalPoints.OrderBy(f => f.Id));
        }

        var organization = await query.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = organization.ETag;
        return TypedResults.Ok(OrganizationResponse.From(organization, includeFocalPoints: staff));
    }
}
