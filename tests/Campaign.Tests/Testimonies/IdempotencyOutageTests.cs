using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iom.Campaign.Idempotency;
using Iom.Campaign.Testimonies;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Iom.Campaign.Tests.Testimonies;

/// <summary>The service against a Redis of its own (a redis-server this test starts and stops by its pid).</summary>
public sealed class OwnRedisCampaignFactory : CampaignFactory
{
    private Process? redis;

    public int RedisPort { get; } = FreePort();

    public OwnRedisCampaignFactory() => Set("ConnectionStrings:cache", $"127.0.0.1:{RedisPort},abortConnect=false,connectTimeout=500");

    public override async Task InitializeAsync()
    {
        await StartRedisAsync();
        await base.InitializeAsync();
    }

    public async Task StartRedisAsync()
    {
        redis = Process.Start(new ProcessStartInfo("redis-server", $"--port {RedisPort} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        redis.OutputDataReceived += (_, _) => { };
        redis.BeginOutputReadLine();
        var started = redis;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!started.HasExited)
            {
                started.Kill();
            }
        };
        await Iom.TestSupport.Eventually.TrueAsync(() => Task.FromResult(Listening(RedisPort)), what: "redis-server listening");
    }

    public async Task StopRedisAsync()
    {
        if (redis is { HasExited: false })
        {
            redis.Kill();
            await redis.WaitForExitAsync();
        }

        redis?.Dispose();
        redis = null;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await StopRedisAsync();
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Issue 12 §3: submissions with an Idempotency-Key do not depend on Redis; the record is in PostgreSQL.</summary>
public sealed class IdempotencyOutageTests(OwnRedisCampaignFactory campaign) : IClassFixture<OwnRedisCampaignFactory>
{
    private static HttpRequestMessage Post(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies") { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyStore.HeaderName, key);
        return request;
    }

    private Task<int> CountAsync(object? title) => campaign.QueryAsync(db => db.Testimonies.CountAsync(t => t.Title == (string)title!));

    [Fact]
    public async Task With_Redis_away_a_keyed_submission_is_201_its_retry_gets_the_same_answer_and_so_after_Redis_returns()
    {
        using var client = campaign.CreateClient();
        var before = CampaignApi.Testimony();
        var beforeKey = Guid.NewGuid().ToString();
        var beforeOutage = await client.SendAsync(Post(before, beforeKey));
        Assert.Equal(HttpStatusCode.Created, beforeOutage.StatusCode);

        await campaign.StopRedisAsync();
        var body = CampaignApi.Testimony();
        var key = Guid.NewGuid().ToString();
        var first = await client.SendAsync(Post(body, key));
        var retry = await client.SendAsync(Post(body, key));
        var olderRetry = await client.SendAsync(Post(before, beforeKey));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var answer = await first.Content.ReadAsStringAsync();
        Assert.Equal(answer, await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains(IdempotencyStore.ReplayedHeaderName));
        Assert.Equal(HttpStatusCode.Created, olderRetry.StatusCode);
        Assert.Equal(await beforeOutage.Content.ReadAsStringAsync(), await olderRetry.Content.ReadAsStringAsync());

        await campaign.StartRedisAsync();
        var afterReturn = await client.SendAsync(Post(body, key));
        Assert.Equal(HttpStatusCode.Created, afterReturn.StatusCode);
        Assert.Equal(answer, await afterReturn.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync(body["title"]));
        Assert.Equal(1, await CountAsync(before["title"]));
    }

    [Fact]
    public async Task Concurrent_duplicates_while_Redis_is_away_create_one_testimony_and_all_get_the_same_answer()
    {
        await campaign.StopRedisAsync();
        try
        {
            var body = CampaignApi.Testimony();
            var key = Guid.NewGuid().ToString();

            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var client = campaign.CreateClient();
                var response = await client.SendAsync(Post(body, key));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Single(responses.Select(r => r.Body).Distinct());
            Assert.Equal(1, await CountAsync(body["title"]));
        }
        finally
        {
            await campaign.StartRedisAsync();
        }
    }

    [Fact]
    public async Task A_retry_after_a_crash_mid_request_takes_the_key_over_when_the_short_lease_runs_out()
    {
        var body = CampaignApi.Testimony();
        var key = Guid.NewGuid().ToString();
        // What a request that crashed after claiming its key leaves behind: an in-progress record, its lease running.
        var leaseUntil = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);
        await PlantInProgressAsync(body, key, leaseUntil);

        var retry = await campaign.CreateClient().SendAsync(Post(body, key));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        // Taken over once the lease ran out, not before (measured against the lease itself, not from when the request left).
        Assert.True(DateTimeOffset.UtcNow >= leaseUntil, $"answered {leaseUntil - DateTimeOffset.UtcNow} before the lease ran out");
        Assert.Equal(1, await CountAsync(body["title"]));
        var again = await campaign.CreateClient().SendAsync(Post(body, key));
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_retry_long_after_a_crash_is_answered_at_once()
    {
        var body = CampaignApi.Testimony();
        var key = Guid.NewGuid().ToString();
        await PlantInProgressAsync(body, key, DateTimeOffset.UtcNow.AddMinutes(-1));

        var clock = Stopwatch.StartNew();
        var retry = await campaign.CreateClient().SendAsync(Post(body, key));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(1, await CountAsync(body["title"]));
    }

    /// <summary>The record exactly as the service writes it for this key and body (same hashes), left in progress.</summary>
    private async Task PlantInProgressAsync(Dictionary<string, object?> body, string key, DateTimeOffset leaseUntil)
    {
        var json = campaign.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var input = JsonSerializer.Deserialize<TestimonyInput>(JsonSerializer.Serialize(body), json)!;
        var requestHash = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), JsonSerializer.SerializeToUtf8Bytes(input, json)));
        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"id\ntestimonies\n{key}")));
        await campaign.QueryAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                KeyHash = keyHash,
                Scope = "testimonies",
                RequestHash = requestHash,
                State = IdempotencyState.InProgress,
                Owner = Guid.NewGuid(),
                LeaseUntil = leaseUntil,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
    }
}
