using System.Diagnostics;
using System.Net;
using System.Text;
using Iom.Gateway.Tests.Support;
using Iom.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace Iom.Gateway.Tests.RateLimiting;

/// <summary>
/// A Redis that stops answering (frozen with SIGSTOP — a Redis this test started for itself) never stalls the gateway:
/// the first request waits at most the limiter's short timeout, the following ones decide locally at once, and the
/// limit still holds. After the thaw, limits are shared through Redis again.
/// </summary>
public sealed class FrozenRedisTests : IAsyncLifetime
{
    private OwnRedis redis = null!;
    private WithOwnRedis gateway = null!;

    public sealed class WithOwnRedis(string redis) : GatewayFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:cache", redis);
            builder.UseSetting("Gateway:RateLimits:AnonymousSubmission:PermitLimit", "5");
            builder.UseSetting("Gateway:RateLimits:RedisBreak", "00:00:01");
            builder.UseSetting("Gateway:RateLimits:RedisTimeout", "00:00:00.250");
        }
    }

    public async Task InitializeAsync()
    {
        redis = await OwnRedis.StartAsync();
        gateway = new WithOwnRedis(redis.ConnectionString);
        await gateway.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task While_Redis_is_frozen_every_request_is_answered_quickly_and_still_limited()
    {
        using var client = gateway.Anonymous();
        var address = RateLimitTests.NewClientAddress();
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, address)); // Redis counts this one

        redis.Freeze();
        try
        {
            var statuses = new List<HttpStatusCode>();
            var slowest = TimeSpan.Zero;
            for (var i = 0; i < 6; i++)
            {
                var watch = Stopwatch.StartNew();
                statuses.Add(await PostAsync(client, address));
                slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, watch.Elapsed.Ticks));
            }

            // 250 ms for the first (the limiter's Redis timeout here), the circuit for the rest; margin for a loaded machine.
            Assert.True(slowest < TimeSpan.FromSeconds(2), $"slowest request {slowest}");
            Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        }
        finally
        {
            redis.Thaw();
        }

        // Back to Redis: a new client address starts a fresh shared window there, the local one is not consulted.
        var next = RateLimitTests.NewClientAddress();
        await Eventually.TrueAsync(async () => await PostAsync(client, next) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "a request after the thaw");
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
