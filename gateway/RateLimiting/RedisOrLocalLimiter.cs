using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Iom.Gateway.RateLimiting;

/// <summary>
/// One partition's limiter: the shared Redis window, or — while Redis cannot be reached — this replica's own
/// in-memory window with the same limit, so an outage of Redis degrades the limit instead of refusing everything.
/// Redis never stalls a request: it gets <see cref="LocalFallbackLimiter.RedisTimeout"/> to answer, and after a
/// failure the circuit stays open (local limits only, no waiting) until one probe finds Redis answering again.
/// </summary>
internal sealed partial class RedisOrLocalLimiter(RateLimiter redis, string partitionKey, WindowLimit limit, LocalFallbackLimiter fallback) : RateLimiter
{
    private static readonly RateLimitLease NotYet = new NotAcquiredLease();

    private long lastUsed = fallback.Clock.GetTimestamp();

    /// <summary>
    /// Time since the last request of this partition (the window itself lives in Redis), so that the partitioned
    /// limiter drops partitions nobody uses instead of keeping one per address or subject ever seen.
    /// </summary>
    public override TimeSpan? IdleDuration => fallback.Clock.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Never decided synchronously: the middleware then asks <see cref="AcquireAsyncCore"/>, which asks Redis.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, fallback.Clock.GetTimestamp());
        if (!fallback.TryUseRedis())
        {
            return fallback.Acquire(partitionKey, limit);
        }

        try
        {
            var lease = await redis.AcquireAsync(permitCount, cancellationToken).AsTask().WaitAsync(fallback.RedisTimeout, fallback.Clock, cancellationToken);
            fallback.ReportRedisAnswered();
            return lease;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            fallback.ReportRedisUnavailable(ex);
            return fallback.Acquire(partitionKey, limit);
        }
        catch (OperationCanceledException)
        {
            fallback.ReportProbeAbandoned(); // the caller went away: the next request probes instead
            throw;
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
/// partitioned limiter, so an outage does not grow memory with every address seen. Also the circuit around Redis:
/// closed (ask Redis, up to <see cref="RedisTimeout"/>), open for <see cref="BreakDuration"/> after a failure (local
/// only), then half-open (one request probes Redis while the others stay local).
/// </summary>
internal sealed partial class LocalFallbackLimiter(ILogger<LocalFallbackLimiter> logger, RateLimitSettings? settings = null, TimeProvider? time = null) : IDisposable
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int Probing = 2;

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private int circuit = Closed;
    private long openedAt;

    /// <summary>The clock of the circuit, the Redis timeout and the partitions' idle time.</summary>
    public TimeProvider Clock => clock;

    public TimeSpan RedisTimeout { get; } = settings?.RedisTimeout ?? RateLimitSettings.DefaultRedisTimeout;

    public TimeSpan BreakDuration { get; } = settings?.RedisBreak ?? RateLimitSettings.DefaultRedisBreak;

    /// <summary>Redis decides (the circuit is closed): limits are shared across replicas.</summary>
    public bool SharesLimits => Volatile.Read(ref circuit) == Closed;

    /// <summary>True while Redis is closed-circuit (or this caller is the one probe); false: decide locally at once.</summary>
    public bool TryUseRedis()
    {
        var state = Volatile.Read(ref circuit);
        if (state == Closed)
        {
            return true;
        }

        if (state == Open && clock.GetElapsedTime(Interlocked.Read(ref openedAt)) >= BreakDuration)
        {
            return Interlocked.CompareExchange(ref circuit, Probing, Open) == Open;
        }

        return false;
    }

    public void ReportProbeAbandoned() => Interlocked.CompareExchange(ref circuit, Open, Probing);

    public void ReportRedisAnswered()
    {
        if (Interlocked.Exchange(ref circuit, Closed) != Closed)
        {
            LogRedisBack(logger);
        }
    }

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
        Interlocked.Exchange(ref openedAt, clock.GetTimestamp());
        Volatile.Write(ref circuit, Open);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again; rate limits are shared across replicas again")]
    private static partial void LogRedisBack(ILogger logger);
}
