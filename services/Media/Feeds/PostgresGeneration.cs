using Iom.Media.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Feeds;

/// <summary>Reads the feed generation PostgreSQL holds (<see cref="FeedState"/>): one primary-key read.</summary>
public sealed class PostgresGeneration(IServiceScopeFactory scopes)
{
    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        return await db.Set<FeedState>().AsNoTracking().Where(f => f.Id == FeedState.SingleRow).Select(f => f.Generation).SingleAsync(cancellationToken);
    }
}
