using Iom.Registry.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Organizations;

/// <summary>The audit trail of one organisation, oldest first (staff only).</summary>
internal static class GetAuditTrail
{
    public sealed record Entry(DateTimeOffset At, string Actor, string Action, IReadOnlyList<string> ChangedFields);

    public static async Task<Results<Ok<List<Entry>>, NotFound>> HandleAsync(Guid id, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = await db.AuditTrail.AsNoTracking().Where(a => a.OrganizationId == id).OrderBy(a => a.Id)
            .Select(a => new Entry(a.At, a.Actor, a.Action, a.ChangedFields)).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}
