using System.Threading.RateLimiting;
using Iom.Gateway.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
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
        var clock = new FakeTimeProvider();
        using var fallback = new LocalFallbackLimiter(NullLogger<LocalFallbackLimiter>.Instance, time: clock);
        using var limiter = new RedisOrLocalLimiter(new Answering(acquired: true), "p", TwoPerMinute, fallback);

        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(TimeSpan.FromMilliseconds(150), limiter.IdleDuration);
        using var lease = await limiter.AcquireAsync();
        Assert.True(lease.IsAcquired);
        Assert.Equal(TimeSpan.Zero, limiter.IdleDuration);
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

    [Fact]
    public async Task A_Redis_that_does_not_answer_is_given_up_within_the_timeout_then_left_alone_until_the_break_ends()
    {
        var clock = new FakeTimeProvider();
        var settings = new RateLimitSettings { RedisTimeout = TimeSpan.FromMilliseconds(200), RedisBreak = TimeSpan.FromSeconds(5) };
        using var fallback = new LocalFallbackLimiter(NullLogger<LocalFallbackLimiter>.Instance, settings, clock);
        var hanging = new Hanging();
        using var limiter = new RedisOrLocalLimiter(hanging, "p-" + Guid.NewGuid(), TwoPerMinute, fallback);

        var pending = limiter.AcquireAsync();
        Assert.False(pending.IsCompleted); // Redis is being asked
        clock.Advance(TimeSpan.FromMilliseconds(200)); // its timeout runs out
        using (var first = await pending)
        {
            Assert.True(first.IsAcquired); // decided locally
        }

        Assert.Equal(1, hanging.Calls);

        using (var second = await limiter.AcquireAsync())
        {
            Assert.True(second.IsAcquired);
        }

        Assert.Equal(1, hanging.Calls); // the circuit is open: Redis is not asked

        clock.Advance(TimeSpan.FromSeconds(5));
        var probing = limiter.AcquireAsync();
        clock.Advance(TimeSpan.FromMilliseconds(200));
        using (var probe = await probing)
        {
            Assert.False(probe.IsAcquired); // Redis still hangs: the local window (2 per minute) decides
        }

        Assert.Equal(2, hanging.Calls); // one probe after the break
    }

    [Fact]
    public async Task After_the_break_one_answer_from_Redis_closes_the_circuit()
    {
        var clock = new FakeTimeProvider();
        var settings = new RateLimitSettings { RedisTimeout = TimeSpan.FromMilliseconds(200), RedisBreak = TimeSpan.FromSeconds(5) };
        using var fallback = new LocalFallbackLimiter(NullLogger<LocalFallbackLimiter>.Instance, settings, clock);
        fallback.ReportRedisUnavailable(new TimeoutException());
        Assert.False(fallback.TryUseRedis());

        clock.Advance(TimeSpan.FromSeconds(5));
        using var limiter = new RedisOrLocalLimiter(new Answering(acquired: false), "p", TwoPerMinute, fallback);
        using var lease = await limiter.AcquireAsync();
        Assert.False(lease.IsAcquired); // Redis's answer (refused), not the local window's
        Assert.True(fallback.TryUseRedis());
    }

    private sealed class Hanging : RateLimiter
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public override TimeSpan? IdleDuration => TimeSpan.Zero;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw new NotSupportedException();

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
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
