using Iom.Consultations.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Inputs;

internal static class ListSyntheses
{
    public static async Task<Results<Ok<List<SynthesizeRegion.Response>>, NotFound>> HandleAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Consultations.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var list = await db.RegionalSyntheses.AsNoTracking().Where(s => s.ConsultationId == id).OrderBy(s => s.Region).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(SynthesizeRegion.Response.From).ToList());
    }
}
