using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Iom.Contracts.Campaign;
using StackExchange.Redis;
using Xunit;

namespace Iom.Media.Tests.Stories;

/// <summary>What the tests of Campaign's testimony events read back: every feed format (plain and gzip) and every Redis value of the host.</summary>
internal static class TestimonyFeedCheck
{
    public const string Theme = "resettlement";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Tombstones = "http://purl.org/atompub/tombstones/1.0";

    public static TestimonyPublished Published(Guid id, string title, string story, DateTimeOffset at, params string[] purposes) =>
        new(id, title, story, "en", [Theme], "SY", "DE", "Rana", null, purposes.Length == 0 ? [ConsentPurposes.CampaignApp, ConsentPurposes.Press] : purposes, at);

    /// <summary>The three formats, each fetched plain and gzip-compressed (the two cached representations), as text.</summary>
    public static async Task<Dictionary<string, string>> AllFormatsAsync(HttpClient feed)
    {
        var texts = new Dictionary<string, string>();
        foreach (var format in new[] { "atom", "json", "rss" })
        {
            var path = $"/feeds/stories.{format}?theme={Theme}";
            texts[format] = await feed.GetStringAsync(path);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var response = await feed.SendAsync(request);
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            texts[format + ".gz"] = await new StreamReader(gzip).ReadToEndAsync();
        }

        return texts;
    }

    /// <summary>The story is a tombstone in each format: at:deleted-entry (RFC 6721), a JSON Feed item marked withdrawn, an RSS item marked withdrawn.</summary>
    public static void AssertTombstone(Dictionary<string, string> texts, Guid storyId)
    {
        var urn = $"urn:uuid:{storyId}";
        foreach (var suffix in new[] { string.Empty, ".gz" })
        {
            var atom = XDocument.Parse(texts["atom" + suffix]).Root!;
            Assert.DoesNotContain(atom.Elements(Atom + "entry"), e => e.Element(Atom + "id")!.Value == urn);
            Assert.Single(atom.Elements(Tombstones + "deleted-entry"), e => e.Attribute("ref")!.Value == urn);
            var item = JsonDocument.Parse(texts["json" + suffix]).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == urn);
            Assert.True(item.GetProperty("_iom").GetProperty("withdrawn").GetBoolean());
            Assert.False(item.TryGetProperty("title", out _));
            var rss = XDocument.Parse(texts["rss" + suffix]).Root!.Element("channel")!.Elements("item").Single(i => i.Element("guid")!.Value == urn);
            Assert.Equal("Withdrawn", rss.Element("title")!.Value);
        }
    }

    /// <summary>Every string and hash value under the host's Redis prefix.</summary>
    public static async Task<List<string>> RedisValuesAsync(string redisConnection, string prefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var db = redis.GetDatabase();
        var values = new List<string>();
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                var type = await db.KeyTypeAsync(key);
                if (type == RedisType.String)
                {
                    values.Add(((byte[]?)await db.StringGetAsync(key)) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty);
                }
                else if (type == RedisType.Hash)
                {
                    values.AddRange((await db.HashGetAllAsync(key)).Select(e => System.Text.Encoding.UTF8.GetString((byte[])e.Value!)));
                }
            }
        }

        return values;
    }
}
