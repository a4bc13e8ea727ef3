using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Iom.Gateway.RateLimiting;

/// <summary>
/// One partition's limiter: the shared Redis window, or — while Redis cannot be reached — this replica's own
/// in-memory window with the same limit, so an outage of Redis degrades the limit instead of refusing everything.
/// </summary>
internal sealed partial class RedisOrLocalLimiter(RateLimiter redis, string partitionKey, WindowLimit limit, LocalFallbackLimiter fallback) : RateLimiter
{
    private static readonly RateLimitLease NotYet = new NotAcquiredLease();

    private long lastUsed = Environment.TickCount64;

    /// <summary>
    /// Time since the last request of this partition (the window itself lives in Redis), so that the partitioned
    /// limiter drops partitions nobody uses instead of keeping one per address or subject ever seen.
    /// </summary>
    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Never decided synchronously: the middleware then asks <see cref="AcquireAsyncCore"/>, which asks Redis.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
        try
        {
            return await redis.AcquireAsync(permitCount, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            fallback.ReportRedisUnavailable(ex);
            return fallback.Acquire(partitionKey, limit);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            redis.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class NotAcquiredLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

/// <summary>
/// In-memory fixed windows per partition, used only while Redis is unavailable; idle windows are dropped by the
/// partitioned limiter, so an outage does not grow memory with every address seen.
/// </summary>
internal sealed partial class LocalFallbackLimiter(ILogger<LocalFallbackLimiter> logger) : IDisposable
{
    private readonly PartitionedRateLimiter<(string Key, WindowLimit Limit)> limiters =
        PartitionedRateLimiter.Create<(string Key, WindowLimit Limit), string>(resource => RateLimitPartition.GetFixedWindowLimiter(
            resource.Key,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = resource.Limit.PermitLimit,
                Window = resource.Limit.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    private long lastWarning = -30_000;

    public RateLimitLease Acquire(string partitionKey, WindowLimit limit) => limiters.AttemptAcquire((partitionKey, limit));

    public void ReportRedisUnavailable(Exception exception)
    {
        // At most one warning every 30 seconds, not one per request.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastWarning);
        if (now - last > 30_000 && Interlocked.CompareExchange(ref lastWarning, now, last) == last)
        {
            LogRedisUnavailable(logger, exception.GetType().Name);
        }
    }

    public void Dispose() => limiters.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable for rate limiting ({Error}); this replica limits on its own until it answers again")]
    private static partial void LogRedisUnavailable(ILogger logger, string error);
}
