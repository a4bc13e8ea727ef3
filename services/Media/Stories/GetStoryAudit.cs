using Iom.Media.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

internal static class GetStoryAudit
{
    public sealed record Entry(string Action, string Actor, DateTimeOffset At, string? Detail);

    public static async Task<Results<Ok<List<Entry>>, NotFound>> HandleAsync(Guid id, MediaDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Stories.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = await db.StoryAudit.AsNoTracking().Where(a => a.StoryId == id).OrderBy(a => a.Id)
            .Select(a => new Entry(a.Action, a.Actor, a.At, a.Detail)).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}
