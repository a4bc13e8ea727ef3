using Iom.Consultations.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Agenda;

internal static class GetAgenda
{
    public static async Task<Results<Ok<List<SessionResponse>>, NotFound>> HandleAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Consultations.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var sessions = await db.AgendaSessions.AsNoTracking().Where(s => s.ConsultationId == id).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        var list = new List<SessionResponse>(sessions.Count);
        foreach (var session in sessions)
        {
            list.Add(await Speakers.ToResponseAsync(db, session, cancellationToken));
        }

        return TypedResults.Ok(list);
    }
}
