using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Iom.Media.Feeds;
using Iom.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Iom.Media.Tests.Feeds;

/// <summary>
/// Redis is a cache: a replica whose Redis is away (a closed port) or frozen (a redis-server of the test's own,
/// SIGSTOP) answers feeds and key checks from PostgreSQL — quickly, never a 500 — shows a change committed meanwhile
/// at once, and goes back to memory only after it has caught up once Redis is back.
/// </summary>
public sealed class RedisAwayTests(MediaFactory media, ITestOutputHelper output) : IClassFixture<MediaFactory>
{
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task With_redis_away_feeds_and_key_checks_come_from_postgresql_quickly_and_show_changes_at_once()
    {
        await using var away = Replica("127.0.0.1:1"); // nothing listens there
        var editor = away.CreateClient();
        editor.DefaultRequestHeaders.Authorization = api.Editor.DefaultRequestHeaders.Authorization;
        var journalist = await api.JournalistAsync();
        var (keyId, key) = await api.KeyAsync(journalist);
        var feed = Feed(away, key);

        // The first request opens the replica's database connections and renders the page; the figure is for the ones after.
        Assert.Equal(HttpStatusCode.OK, (await feed.GetAsync("/feeds/stories.json")).StatusCode);
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 100; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await feed.GetAsync("/feeds/stories.json");
            latencies.Add(watch.Elapsed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var p99 = latencies.Order().ElementAt((int)Math.Ceiling(latencies.Count * 0.99) - 1);
        output.WriteLine($"feed with Redis away: p50 {latencies.Order().ElementAt(latencies.Count / 2).TotalMilliseconds:F0} ms, p99 {p99.TotalMilliseconds:F0} ms, max {latencies.Max().TotalMilliseconds:F0} ms over {latencies.Count} requests");
        Assert.True(p99 < TimeSpan.FromSeconds(1), $"p99 {p99.TotalMilliseconds:F0} ms");
        Assert.False(away.Services.GetRequiredService<FeedInvalidations>().Trusted);

        var headline = "Published while Redis is away " + Guid.NewGuid();
        var draft = await editor.PostAsJsonAsync("/api/media/stories", new
        {
            headline,
            summary = "S",
            body = "B",
            themes = new[] { "research" },
            regions = new[] { "Africa" },
            languages = new[] { "en" },
            source = "media-team",
            attribution = "IPS",
            usageTerms = "Free",
        });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var id = (await draft.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/media/stories/{id}/publish", null)).StatusCode);
        Assert.Contains(headline, await feed.GetStringAsync("/feeds/stories.atom"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/media/stories/{id}/withdraw", new { reason = "wrong figures" })).StatusCode);
        Assert.DoesNotContain(headline, await feed.GetStringAsync("/feeds/stories.atom"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/media/journalists/{journalist}/keys/{keyId}/revoke", new { reason = "lost" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await feed.GetAsync("/feeds/stories.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Feed(away, "iomk_" + new string('x', 43)).GetAsync("/feeds/stories.json")).StatusCode);
    }

    [Fact]
    public async Task A_replica_whose_redis_freezes_stops_answering_from_memory_and_trusts_it_again_only_after_catching_up()
    {
        using var redis = await OwnRedis.StartAsync();
        await using var replica = Replica(redis.Connection);
        var invalidations = replica.Services.GetRequiredService<FeedInvalidations>();
        await Eventually.TrueAsync(() => Task.FromResult(invalidations.Trusted), what: "the replica trusting its memory");
        var editor = replica.CreateClient();
        editor.DefaultRequestHeaders.Authorization = api.Editor.DefaultRequestHeaders.Authorization;
        var feed = Feed(replica, await api.NewKeyAsync());
        var id = await api.PublishedAsync("Frozen " + Guid.NewGuid(), theme: "research");
        var headline = (await api.Editor.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/media/stories/{id}")).GetProperty("headline").GetString()!;
        await Eventually.TrueAsync(async () => (await feed.GetStringAsync("/feeds/stories.atom?theme=research")).Contains(headline, StringComparison.Ordinal), what: "the story in the replica's memory");

        redis.Freeze();
        try
        {
            // The withdrawal commits; its announcement cannot reach Redis: this replica must not answer from memory.
            Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/media/stories/{id}/withdraw", new { reason = "withdrawn while Redis is frozen" })).StatusCode);
            Assert.False(invalidations.Trusted);
            var watch = Stopwatch.StartNew();
            var atom = await feed.GetStringAsync("/feeds/stories.atom?theme=research");
            output.WriteLine($"feed while Redis is frozen: {watch.ElapsedMilliseconds} ms");
            Assert.DoesNotContain(headline, atom, StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
        }
        finally
        {
            redis.Thaw();
        }

        await Eventually.TrueAsync(() => Task.FromResult(invalidations.Trusted), TimeSpan.FromSeconds(30), "the replica trusting its memory again");
        Assert.Equal(await replica.Services.GetRequiredService<PostgresGeneration>().ReadAsync(CancellationToken.None), invalidations.Generation);
        Assert.DoesNotContain(headline, await feed.GetStringAsync("/feeds/stories.atom?theme=research"), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Replica(string redis) =>
        media.WithWebHostBuilder(b => b
            .UseSetting("Messaging:QueuePrefix", media.QueuePrefix + "x")
            .UseSetting("ConnectionStrings:cache", redis)
            .UseSetting("Media:RedisPrefix", $"away{Guid.NewGuid():N}:"));

    private static HttpClient Feed(WebApplicationFactory<Program> host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Feed-Key", key);
        return client;
    }
}
