using Iom.Media.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Journalists;

/// <summary>A journalist's keys (never the secrets: those were shown once).</summary>
internal static class ListFeedKeys
{
    public static async Task<Results<Ok<List<FeedKeyResponse>>, NotFound>> HandleAsync(Guid id, MediaDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Journalists.AnyAsync(j => j.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var keys = await db.FeedKeys.AsNoTracking().Where(k => k.JournalistId == id).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(FeedKeyResponse.From).ToList());
    }
}
