using Iom.Registry.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Organizations;

public static class GetOrganization
{
    public static async Task<Results<Ok<OrganizationResponse>, NotFound>> HandleAsync(Guid id, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return organization is null ? TypedResults.NotFound() : TypedResults.Ok(OrganizationResponse.From(organization));
    }
}
