using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>
/// Redis on the feed path, as a cache and never a single point of failure: each call gets a short budget
/// (Media:Redis:Timeout, 250 ms) instead of the client's 5 s, and after a failure Redis is skipped for
/// Media:Redis:BreakFor (2 s) — the callers fall back to memory or PostgreSQL at once. A failure also tells
/// <see cref="Trouble"/>, so that the replica stops answering from memory until it has caught up.
/// </summary>
public sealed class RedisGuard(IConnectionMultiplexer redis, TimeProvider clock, IOptions<RedisGuardSettings> settings)
{
    private readonly TimeSpan budget = settings.Value.Timeout;
    private readonly TimeSpan breakFor = settings.Value.BreakFor;
    private long openUntil = long.MinValue;

    /// <summary>Raised on every failure (the replica's memory may have missed an announcement).</summary>
    public event Action? Trouble;

    /// <summary>Connected, and not within the break after a failure.</summary>
    public bool Available => redis.IsConnected && clock.GetTimestamp() >= Interlocked.Read(ref openUntil);

    public IDatabase Database => redis.GetDatabase();

    /// <summary>Runs a Redis call within the budget; false (and a break) when Redis is away, slow or failing.</summary>
    public async ValueTask<(bool Ok, T? Value)> TryAsync<T>(Func<IDatabase, Task<T>> call)
    {
        if (!Available)
        {
            return (false, default);
        }

        try
        {
            return (true, await call(redis.GetDatabase()).WaitAsync(budget, clock));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Trip();
            return (false, default);
        }
    }

    /// <inheritdoc cref="TryAsync{T}"/>
    public async ValueTask<bool> TryAsync(Func<IDatabase, Task> call) =>
        (await TryAsync(async db =>
        {
            await call(db);
            return true;
        })).Ok;

    /// <summary>
    /// Deletes every key matching <paramref name="pattern"/> on each primary (erasure: pages that may hold erased text
    /// leave now, not at the end of their lifetime). Not on the feed path, so the client's own timeout applies; false
    /// when Redis is away (the keys then expire by themselves).
    /// </summary>
    public async Task<bool> DeleteMatchingAsync(string pattern, CancellationToken cancellationToken = default)
    {
        try
        {
            var db = redis.GetDatabase();
            foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                var batch = new List<RedisKey>(500);
                await foreach (var key in server.KeysAsync(db.Database, pattern, pageSize: 500).WithCancellation(cancellationToken))
                {
                    batch.Add(key);
                    if (batch.Count == 500)
                    {
                        await db.KeyDeleteAsync([.. batch]);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    await db.KeyDeleteAsync([.. batch]);
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Trip();
            return false;
        }
    }

    public void Trip()
    {
        Interlocked.Exchange(ref openUntil, clock.GetTimestamp() + (long)(breakFor.TotalSeconds * clock.TimestampFrequency));
        Trouble?.Invoke();
    }
}
