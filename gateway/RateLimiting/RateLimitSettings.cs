namespace Iom.Gateway.RateLimiting;

/// <summary>Configuration "Gateway:RateLimits": a fixed window per partition, counted in Redis by every replica.</summary>
internal sealed class RateLimitSettings
{
    public const string Section = "Gateway:RateLimits";

    /// <summary>Prefix of the Redis keys (tests use their own, so parallel runs do not share counters).</summary>
    public string KeyPrefix { get; set; } = "iom:gateway";

    /// <summary>Per authenticated subject (or client address when anonymous): the APIs, public listings, docs.</summary>
    public WindowLimit PerCaller { get; set; } = new() { PermitLimit = 600 };

    /// <summary>Per feed key (X-Feed-Key header or key query parameter) on /feeds.</summary>
    public WindowLimit FeedKey { get; set; } = new() { PermitLimit = 120 };

    public static readonly TimeSpan DefaultRedisTimeout = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan DefaultRedisBreak = TimeSpan.FromSeconds(5);

    /// <summary>How long a request waits for Redis's count before deciding on this replica's own window.</summary>
    public TimeSpan RedisTimeout { get; set; } = DefaultRedisTimeout;

    /// <summary>After Redis failed: how long every request decides locally before one request probes Redis again.</summary>
    public TimeSpan RedisBreak { get; set; } = DefaultRedisBreak;

    /// <summary>Per client address on anonymous submission routes (testimonies, receipts, public writes).</summary>
    public WindowLimit AnonymousSubmission { get; set; } = new() { PermitLimit = 10 };
}

internal sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
