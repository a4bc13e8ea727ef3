using Iom.Registry.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Agreements;

/// <summary>A partner's agreements, oldest start first.</summary>
internal static class ListAgreements
{
    public static async Task<Results<Ok<List<AgreementResponse>>, NotFound>> HandleAsync(Guid id, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var agreements = await db.Agreements.AsNoTracking().Where(a => a.OrganizationId == id).OrderBy(a => a.StartsOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(agreements.Select(AgreementResponse.From).ToList());
    }
}
