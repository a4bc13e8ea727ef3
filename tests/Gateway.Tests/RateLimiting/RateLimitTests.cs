using System.Net;
using System.Text;
using System.Text.Json;
using Iom.Gateway.RateLimiting;
using Iom.Gateway.Tests.Support;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Iom.Gateway.Tests.RateLimiting;

/// <summary>Small limits, counted in the real Redis: what a caller over its limit gets, and how callers are told apart.</summary>
public sealed class RateLimitTests(RateLimitTests.SmallLimits gateway) : IClassFixture<RateLimitTests.SmallLimits>
{
    public const int SubmissionLimit = 3;
    public const int CallerLimit = 5;
    public const int FeedLimit = 4;

    public sealed class SmallLimits : GatewayFactory
    {
        public SmallLimits()
        {
            With("Gateway:RateLimits:AnonymousSubmission:PermitLimit", SubmissionLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            With("Gateway:RateLimits:PerCaller:PermitLimit", CallerLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            With("Gateway:RateLimits:FeedKey:PermitLimit", FeedLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Too_many_testimonies_from_one_address_get_a_429_with_Retry_After_and_a_problem()
    {
        var address = NewClientAddress();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < SubmissionLimit + 2; i++)
        {
            var response = await SubmitTestimonyAsync(address);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
        }

        Assert.Equal(SubmissionLimit, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.NotNull(refused);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Another_address_still_gets_through_when_one_is_limited()
    {
        var first = NewClientAddress();
        for (var i = 0; i < SubmissionLimit + 1; i++)
        {
            (await SubmitTestimonyAsync(first)).Dispose();
        }

        using var limited = await SubmitTestimonyAsync(first);
        using var other = await SubmitTestimonyAsync(NewClientAddress());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Authenticated_callers_are_limited_per_subject_whatever_their_address()
    {
        var subject = $"editor-{Guid.NewGuid():N}";
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.RegistryEditor, subject: subject));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < CallerLimit + 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/registry/organizations");
            request.Headers.Add("X-Forwarded-For", NewClientAddress()); // a new address each time does not help
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(CallerLimit, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        using var colleague = gateway.ClientWith(TestTokens.For(SuiteRoles.RegistryEditor, subject: subject + "-colleague"));
        using var theirs = await colleague.GetAsync("/api/registry/organizations");
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
    }

    [Fact]
    public async Task Feeds_are_limited_per_feed_key_in_the_header_or_the_query()
    {
        var key = $"feed-key-{Guid.NewGuid():N}";
        using var client = gateway.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < FeedLimit + 1; i++)
        {
            // Alternating header and query: both count against the same key; addresses change, the key is what counts.
            using var request = i % 2 == 0
                ? new HttpRequestMessage(HttpMethod.Get, "/feeds/stories.rss")
                : new HttpRequestMessage(HttpMethod.Get, $"/feeds/stories.rss?key={key}");
            if (i % 2 == 0)
            {
                request.Headers.Add("X-Feed-Key", key);
            }

            request.Headers.Add("X-Forwarded-For", NewClientAddress());
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(FeedLimit, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        using var otherKey = new HttpRequestMessage(HttpMethod.Get, "/feeds/stories.rss");
        otherKey.Headers.Add("X-Feed-Key", key + "-other");
        using var other = await client.SendAsync(otherKey);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Receipts_and_public_writes_share_the_strict_per_address_limit_but_public_reads_do_not()
    {
        var address = NewClientAddress();
        using var client = gateway.Anonymous();
        var statuses = new List<HttpStatusCode>();
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/api/campaign/receipts/r-1/withdrawal"),
            (HttpMethod.Post, "/api/campaign/public/actions/a-1/sign-ups"),
            (HttpMethod.Delete, "/api/campaign/receipts/r-1"),
            (HttpMethod.Post, "/api/campaign/testimonies"),
        })
        {
            using var request = new HttpRequestMessage(method, path) { Content = Json() };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/campaign/public/actions");
        read.Headers.Add("X-Forwarded-For", address);
        using var readResponse = await client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, readResponse.StatusCode);
    }

    private async Task<HttpResponseMessage> SubmitTestimonyAsync(string clientAddress)
    {
        using var client = gateway.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies") { Content = Json() };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return await client.SendAsync(request);
    }

    private static StringContent Json() => new("{\"text\":\"hello\"}", Encoding.UTF8, "application/json");

    /// <summary>A documentation address (198.18.0.0/15, benchmarking) unique to the call.</summary>
    internal static string NewClientAddress()
    {
        var n = Random.Shared.Next(1, 1 << 17);
        return $"198.{18 + (n >> 16)}.{(n >> 8) & 0xFF}.{n & 0xFF}";
    }
}

/// <summary>
/// Two gateway instances on one Redis, as two replicas behind a load balancer: together they admit no more than
/// the limit (the window is counted atomically in Redis, so the measured overshoot is expected to be 0).
/// </summary>
public sealed class SharedRateLimitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Limit = 40;
    private const int Requests = 200;
    private readonly string keyPrefix = $"test:gw:shared:{Guid.NewGuid():N}";
    private GatewayFactory first = null!;
    private GatewayFactory second = null!;

    public async Task InitializeAsync()
    {
        first = Replica();
        second = Replica();
        await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Two_gateway_instances_together_do_not_exceed_the_limit()
    {
        var address = RateLimitTests.NewClientAddress();
        using var a = first.Anonymous();
        using var b = second.Anonymous();
        // Both replicas have reached Redis (a first request before the connection is up opens the circuit for 5 s and
        // that replica limits on its own meanwhile — by design, and not what this test measures).
        foreach (var (client, replica) in new[] { (a, first), (b, second) })
        {
            var limiter = replica.Services.GetRequiredService<LocalFallbackLimiter>();
            await Eventually.TrueAsync(async () =>
            {
                using var warmUp = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                warmUp.Headers.Add("X-Forwarded-For", RateLimitTests.NewClientAddress());
                using var _ = await client.SendAsync(warmUp);
                return limiter.SharesLimits;
            }, TimeSpan.FromSeconds(30), "the replica's rate limits decided in Redis");
        }

        using var gate = new SemaphoreSlim(16);
        var tasks = Enumerable.Range(0, Requests).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies")
                {
                    Content = new StringContent("{}", Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-Forwarded-For", address);
                using var response = await (i % 2 == 0 ? a : b).SendAsync(request);
                return (Replica: i % 2, response.StatusCode);
            }
            finally
            {
                gate.Release();
            }
        });
        var results = await Task.WhenAll(tasks);

        var admitted = results.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refused = results.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var overshoot = 100.0 * (admitted - Limit) / Limit;
        output.WriteLine($"limit {Limit}, requests {Requests}: admitted {admitted} (replica A {results.Count(r => r.Replica == 0 && r.StatusCode == HttpStatusCode.OK)}, " +
            $"replica B {results.Count(r => r.Replica == 1 && r.StatusCode == HttpStatusCode.OK)}), refused {refused}, overshoot {overshoot:0.#}%");

        Assert.Equal(Requests, admitted + refused);
        Assert.InRange(admitted, Limit, (int)(Limit * 1.05));
        Assert.Contains(results, r => r.Replica == 0 && r.StatusCode == HttpStatusCode.OK);
        Assert.Contains(results, r => r.Replica == 1 && r.StatusCode == HttpStatusCode.OK);
    }

    private GatewayFactory Replica()
    {
        var replica = new GatewayFactory { KeyPrefix = keyPrefix };
        replica.With("Gateway:RateLimits:AnonymousSubmission:PermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // A loaded test machine must not turn a slow Redis answer into a local decision mid-burst: the timeout is tested elsewhere.
        replica.With("Gateway:RateLimits:RedisTimeout", "00:00:05");
        return replica;
    }
}
