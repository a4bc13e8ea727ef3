using Iom.Media.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Training;

internal static class ListTrainingSessions
{
    public static async Task<Ok<List<TrainingSessionResponse>>> HandleAsync(MediaDbContext db, CancellationToken cancellationToken)
    {
        var sessions = await db.TrainingSessions.AsNoTracking().Include(s => s.Attendance).OrderByDescending(s => s.StartsAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(sessions.Select(TrainingSessionResponse.From).ToList());
    }
}
