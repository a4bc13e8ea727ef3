using Iom.Registry.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.CapacityDevelopment;

/// <summary>A partner's capacity-development records, newest first, with the totals.</summary>
internal static class ListCapacityDevelopment
{
    public sealed record Response(decimal TotalHours, long TotalPeopleTrained, IReadOnlyList<RecordCapacityDevelopment.Response> Items);

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid id, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var records = await db.CapacityDevelopment.AsNoTracking().Where(c => c.OrganizationId == id).OrderByDescending(c => c.On).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Response(records.Sum(r => r.Hours), records.Sum(r => (long)r.PeopleTrained), records.Select(RecordCapacityDevelopment.Response.From).ToList()));
    }
}
