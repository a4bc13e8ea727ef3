using Iom.Media.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Training;

/// <summary>A journalist's training history, newest first.</summary>
internal static class GetTrainingHistory
{
    public sealed record Entry(Guid SessionId, string Topic, DateTimeOffset StartsAt, string Trainer, bool Online, string? Place, bool Attended, bool Completed);

    public static async Task<Results<Ok<List<Entry>>, NotFound>> HandleAsync(Guid id, MediaDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Journalists.AnyAsync(j => j.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var history = await db.TrainingAttendance.AsNoTracking().Where(a => a.JournalistId == id)
            .Join(db.TrainingSessions, a => a.SessionId, s => s.Id, (a, s) => new { a, s })
            .OrderByDescending(x => x.s.StartsAt)
            .Select(x => new Entry(x.s.Id, x.s.Topic, x.s.StartsAt, x.s.Trainer, x.s.Online, x.s.Place, x.a.Attended, x.a.Completed))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(history);
    }
}
