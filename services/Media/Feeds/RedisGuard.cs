using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>
/// Redis on the feed path, as a cache and never a single point of failure: each call gets a short budget
/// (Media:Redis:Timeout, 250 ms) instead of the client's 5 s, and after a failure Redis is skipped for
/// Media:Redis:BreakFor (2 s) — the callers fall back to memory or PostgreSQL at once. A failure also tells
/// <see cref="Trouble"/>, so that the replica stops answering from memory until it has caught up.
/// </summary>
public sealed class RedisGuard(IConnectionMultiplexer redis, TimeProvider clock, IConfiguration configuration)
{
    private readonly TimeSpan budget = configuration.GetValue("Media:Redis:Timeout", TimeSpan.FromMilliseconds(250));
    private readonly TimeSpan breakFor = configuration.GetValue("Media:Redis:BreakFor", TimeSpan.FromSeconds(2));
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

    public void Trip()
    {
        Interlocked.Exchange(ref openUntil, clock.GetTimestamp() + (long)(breakFor.TotalSeconds * clock.TimestampFrequency));
        Trouble?.Invoke();
    }
}
