using System.ComponentModel.DataAnnotations;

namespace Iom.Media.Feeds;

/// <summary>
/// Limits against abuse of the feed endpoints ("Media:Feeds:Limits"), bound and validated at start-up. All are per
/// replica: with two replicas behind the gateway a client gets at most twice each figure.
/// </summary>
public sealed class FeedLimitOptions
{
    public const string Section = "Media:Feeds:Limits";

    /// <summary>Refused feed keys (missing, malformed, unknown, revoked) one client address may send per window before 429.</summary>
    [Range(1, 100_000)]
    public int InvalidKeysPerWindow { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan InvalidKeyWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Open live streams (/feeds/stream) per feed key.</summary>
    [Range(1, 1000)]
    public int StreamsPerKey { get; set; } = 3;

    /// <summary>Open live streams in total on this replica.</summary>
    [Range(1, 100_000)]
    public int StreamsTotal { get; set; } = 1000;

    /// <summary>How often an open stream re-checks its key (a revoked key's streams end within this, plus the revocation).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StreamKeyCheck { get; set; } = TimeSpan.FromSeconds(1);
}
