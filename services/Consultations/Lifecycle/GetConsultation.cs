using Iom.Consultations.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Lifecycle;

internal static class GetConsultation
{
    public static async Task<Results<Ok<ConsultationResponse>, NotFound>> HandleAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return consultation is null ? TypedResults.NotFound() : TypedResults.Ok(ConsultationResponse.From(consultation));
    }
}
