using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace Iom.Media.Tests.Feeds;

/// <summary>
/// Abuse of the feed endpoints: rotating random keys from one address are limited (429 with Retry-After) and a key
/// known to be bad costs no query; live streams are capped per key and in total; a revoked key's stream ends within
/// 2 s even while changes keep flowing; the limits are validated at start-up.
/// </summary>
public sealed class FeedAbuseTests(LimitedMediaFactory media) : IClassFixture<LimitedMediaFactory>
{
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task Rotating_random_keys_from_one_address_get_429_while_other_addresses_and_known_keys_still_work()
    {
        var goodKey = await api.NewKeyAsync();
        Assert.Equal(HttpStatusCode.OK, (await FromAddressAsync("203.0.113.7", goodKey)).StatusCode); // known to this replica from now on

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddressAsync("203.0.113.7", RandomKey())).StatusCode);
        }

        var limited = await FromAddressAsync("203.0.113.7", RandomKey());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal(HttpStatusCode.OK, (await FromAddressAsync("203.0.113.7", goodKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddressAsync("203.0.113.8", RandomKey())).StatusCode);
    }

    [Fact]
    public async Task A_key_known_to_be_bad_costs_no_database_query_the_second_time()
    {
        var bad = RandomKey();
        Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddressAsync("198.51.100.20", bad)).StatusCode);
        var lookups = media.Commands.CountKeyLookups();

        Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddressAsync("198.51.100.20", bad)).StatusCode);

        Assert.True(lookups > 0, "the first check looked the key up");
        Assert.Equal(lookups, media.Commands.CountKeyLookups());
    }

    [Fact]
    public async Task Streams_are_capped_per_key_and_in_total_with_429()
    {
        var first = api.Feed(await api.NewKeyAsync());
        using var a1 = await LiveStream.OpenAsync(first, "/feeds/stream");
        using var a2 = await LiveStream.OpenAsync(first, "/feeds/stream");
        var perKey = await first.GetAsync("/feeds/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, perKey.StatusCode);
        Assert.NotNull(perKey.Headers.RetryAfter);

        var second = api.Feed(await api.NewKeyAsync());
        using var b1 = await LiveStream.OpenAsync(second, "/feeds/stream");
        var total = await second.GetAsync("/feeds/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, total.StatusCode);
    }

    [Fact]
    public async Task A_revoked_keys_open_stream_ends_within_two_seconds_while_changes_keep_flowing()
    {
        var journalist = await api.JournalistAsync();
        var (keyId, key) = await api.KeyAsync(journalist);
        using var stream = await LiveStream.OpenAsync(api.Feed(key), "/feeds/stream");
        using var stop = new CancellationTokenSource();
        var flowing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await api.PublishedAsync("Flowing " + Guid.NewGuid(), theme: "media");
            }
        });
        try
        {
            var revoke = await api.Editor.PostAsJsonAsync($"/api/media/journalists/{journalist}/keys/{keyId}/revoke", new { reason = "leaked" });
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            var watch = Stopwatch.StartNew();
            Assert.True(await stream.EndsWithinAsync(TimeSpan.FromSeconds(2)), "the stream still runs 2 s after the revocation");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        }
        finally
        {
            await stop.CancelAsync();
            await flowing;
        }
    }

    [Fact]
    public void Limits_out_of_range_stop_the_service_at_start()
    {
        using var broken = media.WithWebHostBuilder(b => b.UseSetting("Media:Feeds:Limits:StreamsPerKey", "0"));
        var error = Assert.ThrowsAny<Exception>(() => broken.Server);
        Assert.Contains("StreamsPerKey", error.ToString(), StringComparison.Ordinal);
    }

    private static string RandomKey() => "iomk_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    private async Task<HttpResponseMessage> FromAddressAsync(string address, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/stories.json");
        request.Headers.Add("X-Feed-Key", key);
        request.Headers.Add("X-Forwarded-For", address);
        return await media.CreateClient().SendAsync(request);
    }
}
