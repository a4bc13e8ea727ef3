using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Iom.Media.Feeds;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Media.Tests.Feeds;

public sealed class FeedTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Tombstones = "http://purl.org/atompub/tombstones/1.0";
    private static readonly XNamespace Iom = "urn:iom:media";
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task The_atom_feed_parses_and_has_the_elements_RFC_4287_requires()
    {
        var id = await api.PublishedAsync("Atom headline " + Guid.NewGuid(), theme: "advocacy", region: "Melanesia");
        var response = await api.Feed(await api.NewKeyAsync()).GetAsync("/feeds/stories.atom?theme=advocacy&region=Melanesia");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "id")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "title")?.Value));
        Assert.True(DateTimeOffset.TryParse(feed.Element(Atom + "updated")?.Value, out _));
        Assert.NotNull(feed.Element(Atom + "author")?.Element(Atom + "name"));
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.StartsWith("urn:uuid:", e.Element(Atom + "id")!.Value, StringComparison.Ordinal);
            Assert.NotNull(e.Element(Atom + "title"));
            Assert.True(DateTimeOffset.TryParse(e.Element(Atom + "updated")!.Value, out _));
            Assert.True(e.Element(Atom + "content") is not null || e.Elements(Atom + "link").Any(l => l.Attribute("rel")?.Value == "alternate"));
        });
        var mine = entries.Single(e => e.Element(Atom + "id")!.Value == $"urn:uuid:{id}");
        Assert.Equal("advocacy", mine.Element(Atom + "category")!.Attribute("term")!.Value);
        Assert.Equal("Melanesia", mine.Element(Iom + "region")!.Value);
        Assert.Equal(entries[0], mine); // newest first
    }

    [Fact]
    public async Task The_json_feed_follows_version_1_1_and_the_rss_feed_carries_the_same_items()
    {
        var id = await api.PublishedAsync("JSON headline " + Guid.NewGuid());
        var feedClient = api.Feed(await api.NewKeyAsync());

        var json = await feedClient.GetFromJsonAsync<JsonElement>("/feeds/stories.json");
        Assert.Equal("https://jsonfeed.org/version/1.1", json.GetProperty("version").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("id").GetString())));
        var mine = items.Single(i => i.GetProperty("id").GetString() == $"urn:uuid:{id}");
        Assert.StartsWith("JSON headline", mine.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(mine.GetProperty("_iom").GetProperty("withdrawn").GetBoolean());

        var rss = XDocument.Parse(await feedClient.GetStringAsync("/feeds/stories.rss")).Root!;
        Assert.Equal("2.0", rss.Attribute("version")!.Value);
        var guids = rss.Element("channel")!.Elements("item").Select(i => i.Element("guid")!.Value).ToList();
        Assert.Equal(items.Select(i => i.GetProperty("id").GetString()), guids);
    }

    [Fact]
    public async Task A_matching_etag_is_a_304_without_a_feed_query_and_a_publish_gives_a_new_etag()
    {
        // A beat no event-made story touches (test hosts share the broker, so testimonies published by other tests arrive here too).
        const string Path = "/feeds/stories.atom?theme=capacity-building&region=Polynesia";
        var feedClient = api.Feed(await api.NewKeyAsync());
        await api.PublishedAsync("Before " + Guid.NewGuid(), theme: "capacity-building", region: "Polynesia");
        var invalidations = media.Services.GetRequiredService<FeedInvalidations>();

        // Retried only if some other change evicted the cache in between (then a re-render is right).
        for (var attempt = 0; ; attempt++)
        {
            var generation = invalidations.Generation;
            var first = await feedClient.GetAsync(Path);
            var etag = first.Headers.ETag!;
            Assert.False(etag.IsWeak);
            Assert.NotNull(first.Content.Headers.LastModified);
            var queriesBefore = media.Commands.CountFeedQueries();
            using var conditional = new HttpRequestMessage(HttpMethod.Get, Path);
            conditional.Headers.IfNoneMatch.Add(etag);
            var notModified = await feedClient.SendAsync(conditional);
            var queries = media.Commands.CountFeedQueries() - queriesBefore;
            if (generation != invalidations.Generation && attempt < 3)
            {
                continue;
            }

            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, notModified.Headers.ETag);
            Assert.Equal(0, queries);

            using var sinceRequest = new HttpRequestMessage(HttpMethod.Get, Path);
            sinceRequest.Headers.IfModifiedSince = first.Content.Headers.LastModified;
            Assert.Equal(HttpStatusCode.NotModified, (await feedClient.SendAsync(sinceRequest)).StatusCode);

            await api.PublishedAsync("After " + Guid.NewGuid(), theme: "capacity-building", region: "Polynesia");
            using var again = new HttpRequestMessage(HttpMethod.Get, Path);
            again.Headers.IfNoneMatch.Add(etag);
            var changed = await feedClient.SendAsync(again);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.NotEqual(etag, changed.Headers.ETag);
            return;
        }
    }

    [Fact]
    public async Task Missing_unknown_and_revoked_keys_get_the_same_401()
    {
        var journalist = await api.JournalistAsync();
        var (keyId, key) = await api.KeyAsync(journalist);
        Assert.Equal(HttpStatusCode.OK, (await api.Feed(key).GetAsync("/feeds/stories.json")).StatusCode);

        var revoke = await api.Editor.PostAsJsonAsync($"/api/media/journalists/{journalist}/keys/{keyId}/revoke", new { reason = "laptop stolen" });
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var revoked = await api.Feed(key).GetAsync("/feeds/stories.json");
        var unknown = await api.Feed("iomk_" + new string('A', 43)).GetAsync("/feeds/stories.json");
        var missing = await media.CreateClient().GetAsync("/feeds/stories.json");
        var inQuery = await media.CreateClient().GetAsync($"/feeds/stories.json?key={Uri.EscapeDataString(key)}");
        foreach (var response in new[] { revoked, unknown, missing, inQuery })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var bodies = await Task.WhenAll(new[] { revoked, unknown, missing, inQuery }.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task A_key_in_the_query_string_works_like_the_header()
    {
        var key = await api.NewKeyAsync();
        var response = await media.CreateClient().GetAsync($"/feeds/stories.rss?key={Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("theme=not-a-theme", "theme")]
    [InlineData("region=Atlantis", "region")]
    [InlineData("language=xx", "language")]
    [InlineData("page=0", "page")]
    public async Task Unknown_filter_values_are_a_400_naming_the_filter(string query, string field)
    {
        var response = await api.Feed(await api.NewKeyAsync()).GetAsync("/feeds/stories.atom?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Filters_select_the_beat()
    {
        var health = await api.PublishedAsync("Health " + Guid.NewGuid(), theme: "migration-health", region: "Asia", language: "ar");
        var other = await api.PublishedAsync("Other " + Guid.NewGuid(), theme: "diaspora", region: "Europe", language: "es");
        var feedClient = api.Feed(await api.NewKeyAsync());

        var json = await feedClient.GetFromJsonAsync<JsonElement>("/feeds/stories.json?theme=migration-health&region=asia&language=ar");
        var ids = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains($"urn:uuid:{health}", ids);
        Assert.DoesNotContain($"urn:uuid:{other}", ids);
    }

    [Fact]
    public async Task Embargoed_items_are_only_for_keys_with_embargo_access_and_carry_the_embargo_time()
    {
        var id = await api.DraftAsync("Embargoed " + Guid.NewGuid());
        var until = DateTimeOffset.UtcNow.AddDays(2);
        Assert.Equal(HttpStatusCode.OK, (await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/embargo", new { until })).StatusCode);

        var without = await api.Feed(await api.NewKeyAsync()).GetFromJsonAsync<JsonElement>("/feeds/stories.json");
        Assert.DoesNotContain(without.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == $"urn:uuid:{id}");

        var withAccess = api.Feed(await api.NewKeyAsync(embargoAccess: true));
        var json = await withAccess.GetFromJsonAsync<JsonElement>("/feeds/stories.json");
        var item = json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == $"urn:uuid:{id}");
        Assert.Equal(until.ToUnixTimeSeconds(), DateTimeOffset.Parse(item.GetProperty("_iom").GetProperty("embargoed_until").GetString()!).ToUnixTimeSeconds());
        var atom = XDocument.Parse(await withAccess.GetStringAsync("/feeds/stories.atom")).Root!;
        var entry = atom.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value == $"urn:uuid:{id}");
        Assert.NotNull(entry.Element(Iom + "embargo")!.Attribute("until"));
    }

    [Fact]
    public async Task A_correction_bumps_updated_and_carries_the_note()
    {
        var id = await api.PublishedAsync("To correct " + Guid.NewGuid());
        var feedClient = api.Feed(await api.NewKeyAsync());
        var before = XDocument.Parse(await feedClient.GetStringAsync("/feeds/stories.atom")).Root!
            .Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value == $"urn:uuid:{id}").Element(Atom + "updated")!.Value;

        var correct = await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/correct", new { note = "The town was misspelled.", headline = "Corrected headline" });
        Assert.Equal(HttpStatusCode.OK, correct.StatusCode);

        var entry = XDocument.Parse(await feedClient.GetStringAsync("/feeds/stories.atom")).Root!
            .Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value == $"urn:uuid:{id}");
        Assert.True(DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value) > DateTimeOffset.Parse(before));
        Assert.Equal("The town was misspelled.", entry.Element(Iom + "correction")!.Value);
        Assert.Equal("Corrected headline", entry.Element(Atom + "title")!.Value);
    }

    [Fact]
    public async Task Pages_link_to_older_items()
    {
        var theme = "research";
        for (var i = 0; i < 22; i++)
        {
            await api.PublishedAsync($"Paged {i} {Guid.NewGuid()}", theme: theme);
        }

        var feedClient = api.Feed(await api.NewKeyAsync());
        var page1 = await feedClient.GetFromJsonAsync<JsonElement>($"/feeds/stories.json?theme={theme}");
        Assert.Equal(20, page1.GetProperty("items").GetArrayLength());
        var next = new Uri(page1.GetProperty("next_url").GetString()!);
        var page2 = await feedClient.GetFromJsonAsync<JsonElement>(next.PathAndQuery);
        Assert.True(page2.GetProperty("items").GetArrayLength() >= 2);
        var atom = XDocument.Parse(await feedClient.GetStringAsync($"/feeds/stories.atom?theme={theme}")).Root!;
        Assert.Contains(atom.Elements(Atom + "link"), l => l.Attribute("rel")!.Value == "next" && l.Attribute("href")!.Value.Contains("page=2", StringComparison.Ordinal));
        var ids1 = page1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToHashSet();
        Assert.DoesNotContain(page2.GetProperty("items").EnumerateArray(), i => ids1.Contains(i.GetProperty("id").GetString()));
        Assert.DoesNotContain("key=", next.Query, StringComparison.Ordinal); // a key sent as a header never appears in the feed
    }

    [Fact]
    public async Task A_reader_that_accepts_gzip_gets_the_same_feed_compressed_with_its_own_etag()
    {
        var headline = "Compressed " + Guid.NewGuid();
        await api.PublishedAsync(headline, theme: "advocacy", region: "Micronesia");
        var key = await api.NewKeyAsync();
        const string Path = "/feeds/stories.atom?theme=advocacy&region=Micronesia";
        var plainClient = api.Feed(key);
        var plain = await plainClient.GetAsync(Path);
        var plainBody = await plain.Content.ReadAsByteArrayAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        var bare = media.CreateClient();
        foreach (var keyInUrl in new[] { false, true })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, keyInUrl ? $"{Path}&key={Uri.EscapeDataString(key)}" : Path);
            if (!keyInUrl)
            {
                request.Headers.Add("X-Feed-Key", key);
            }

            request.Headers.AcceptEncoding.ParseAdd("gzip, deflate;q=0.5");
            var compressed = await bare.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
            Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
            Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
            await using var gzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            await gzip.CopyToAsync(inflated);
            var text = System.Text.Encoding.UTF8.GetString(inflated.ToArray());
            Assert.Contains(headline, text, StringComparison.Ordinal);
            if (keyInUrl)
            {
                Assert.Contains("key=" + Uri.EscapeDataString(key), text, StringComparison.Ordinal); // the links carry the reader's key
            }
            else
            {
                Assert.Equal(plainBody, inflated.ToArray());
            }

            // The compressed representation's tag revalidates like the plain one.
            using var again = new HttpRequestMessage(HttpMethod.Get, request.RequestUri);
            if (!keyInUrl)
            {
                again.Headers.Add("X-Feed-Key", key);
            }

            again.Headers.AcceptEncoding.ParseAdd("gzip");
            again.Headers.IfNoneMatch.Add(compressed.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await bare.SendAsync(again)).StatusCode);
        }

        // gzip;q=0 is a refusal.
        using var refusing = new HttpRequestMessage(HttpMethod.Get, Path);
        refusing.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip;q=0");
        Assert.Empty((await plainClient.SendAsync(refusing)).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_reader_with_the_key_in_the_url_gets_next_links_that_carry_it()
    {
        for (var i = 0; i < 21; i++)
        {
            await api.PublishedAsync($"Reader {i} {Guid.NewGuid()}", theme: "volunteerism");
        }

        var key = await api.NewKeyAsync();
        var reader = media.CreateClient();
        var page1 = await reader.GetFromJsonAsync<JsonElement>($"/feeds/stories.json?theme=volunteerism&key={Uri.EscapeDataString(key)}");
        var next = new Uri(page1.GetProperty("next_url").GetString()!);
        Assert.Contains("key=" + Uri.EscapeDataString(key), next.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(next.PathAndQuery)).StatusCode);
        var other = await api.NewKeyAsync();
        var cachedForOther = await reader.GetStringAsync($"/feeds/stories.json?theme=volunteerism&key={Uri.EscapeDataString(other)}");
        Assert.DoesNotContain(key, cachedForOther, StringComparison.Ordinal);
        Assert.Contains(other, cachedForOther, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_sees_which_journalists_received_a_story()
    {
        var id = await api.PublishedAsync("Fetched " + Guid.NewGuid());
        var journalist = await api.JournalistAsync(name: "Fetching Journalist");
        var (_, key) = await api.KeyAsync(journalist);
        Assert.Equal(HttpStatusCode.OK, (await api.Feed(key).GetAsync("/feeds/stories.atom")).StatusCode);

        var fetches = await Eventually.GetAsync(async () =>
        {
            var list = await api.Editor.GetFromJsonAsync<JsonElement>($"/api/media/stories/{id}/fetches");
            return list.GetArrayLength() > 0 ? list : (JsonElement?)null;
        }, what: "the fetch log");
        var fetch = fetches!.Value.EnumerateArray().Single();
        Assert.Equal(journalist, fetch.GetProperty("journalistId").GetGuid());
        Assert.Equal("IPS Africa", fetch.GetProperty("outlet").GetString());
    }
}
