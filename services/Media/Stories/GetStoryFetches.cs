using Iom.Media.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>Which journalists (and outlets) received a story through the feed, within the fetch log's retention.</summary>
internal static class GetStoryFetches
{
    public sealed record Fetch(Guid JournalistId, string Journalist, string Outlet, Guid KeyId, DateTimeOffset FirstFetchedAt, DateTimeOffset LastFetchedAt);

    public static async Task<Results<Ok<List<Fetch>>, NotFound>> HandleAsync(Guid id, MediaDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Stories.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var fetches = await db.FetchLog.AsNoTracking().Where(f => f.StoryId == id).OrderBy(f => f.FirstFetchedAt)
            .Join(db.Journalists, f => f.JournalistId, j => j.Id, (f, j) => new Fetch(j.Id, j.Name, j.Outlet, f.KeyId, f.FirstFetchedAt, f.LastFetchedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(fetches);
    }
}
