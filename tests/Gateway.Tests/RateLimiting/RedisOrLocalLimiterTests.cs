using System.Threading.RateLimiting;
using Iom.Gateway.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Xunit;

namespace Iom.Gateway.Tests.RateLimiting;

/// <summary>The per-partition limiter around Redis: idle partitions can be dropped, a Redis failure falls back locally.</summary>
public sealed class RedisOrLocalLimiterTests
{
    private static readonly WindowLimit TwoPerMinute = new() { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task A_partition_reports_how_long_it_has_been_idle_so_that_unused_ones_are_dropped()
    {
        using var fallback = new LocalFallbackLimiter(NullLogger<LocalFallbackLimiter>.Instance);
        using var limiter = new RedisOrLocalLimiter(new Answering(acquired: true), "p", TwoPerMinute, fallback);

        await Task.Delay(150);
        Assert.True(limiter.IdleDuration >= TimeSpan.FromMilliseconds(100), $"{limiter.IdleDuration}");
        using var lease = await limiter.AcquireAsync();
        Assert.True(lease.IsAcquired);
        Assert.True(limiter.IdleDuration < TimeSpan.FromMilliseconds(100), $"{limiter.IdleDuration}");
    }

    [Fact]
    public async Task When_Redis_fails_the_same_limit_is_kept_in_memory()
    {
        using var fallback = new LocalFallbackLimiter(NullLogger<LocalFallbackLimiter>.Instance);
        using var limiter = new RedisOrLocalLimiter(new Failing(), "p-" + Guid.NewGuid(), TwoPerMinute, fallback);

        var leases = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            using var lease = await limiter.AcquireAsync();
            leases.Add(lease.IsAcquired);
        }

        Assert.Equal([true, true, false], leases);
    }

    [Fact]
    public void Nothing_is_decided_without_asking_Redis()
    {
        using var fallback = new LocalFallbackLimiter(NullLogger<LocalFallbackLimiter>.Instance);
        using var limiter = new RedisOrLocalLimiter(new Answering(acquired: true), "p", TwoPerMinute, fallback);
        using var lease = limiter.AttemptAcquire();
        Assert.False(lease.IsAcquired);
    }

    private sealed class Answering(bool acquired) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.Zero;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(acquired);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult<RateLimitLease>(new Lease(acquired));
    }

    private sealed class Failing : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.Zero;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw new NotSupportedException();

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "no Redis", null, CommandStatus.Unknown);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
