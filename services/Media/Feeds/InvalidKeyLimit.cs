using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Iom.Media.Feeds;

/// <summary>
/// Refused feed keys per client address (the gateway limits per key, which rotating random keys would bypass): past
/// <see cref="FeedLimitOptions.InvalidKeysPerWindow"/> in a window, a request whose key this replica does not already
/// know to be valid gets 429 with Retry-After, before any lookup. Keys known to be valid are never limited here.
/// </summary>
public sealed class InvalidKeyLimit(IOptions<FeedLimitOptions> options) : IDisposable
{
    private readonly FeedLimitOptions limits = options.Value;

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.InvalidKeysPerWindow,
            Window = options.Value.InvalidKeyWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Whether the address has used up its refusals; then how long until it may try again.</summary>
    public bool IsExhausted(string address, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(address, 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.InvalidKeyWindow;
        return !lease.IsAcquired;
    }

    /// <summary>Counts one refused key against the address.</summary>
    public void NoteRefused(string address) => limiter.AttemptAcquire(address).Dispose();

    public void Dispose() => limiter.Dispose();
}
