using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>A rendered feed page's validators and content as cached in Redis (the body is a separate field).</summary>
public sealed record CachedFeed(string ETag, DateTimeOffset LastModified, string ContentType, string StoryIds);

/// <summary>
/// A page ready to send, held in process: the body as is and gzip-compressed once (feed readers ask for gzip), each
/// with its own strong ETag, as a different content coding is a different representation (RFC 9110 §8.8.3).
/// </summary>
public sealed class ServedPage
{
    public ServedPage(long generation, CachedFeed feed, byte[] body)
        : this(generation, feed, body, Compress(body))
    {
    }

    private ServedPage(long generation, CachedFeed feed, byte[] body, byte[] gzip)
    {
        Generation = generation;
        Feed = feed;
        Body = body;
        Gzip = gzip;
        GzipETag = feed.ETag[..^1] + "-gz\"";
        LastModified = feed.LastModified.ToString("r", CultureInfo.InvariantCulture);
    }

    /// <summary>The same content, found current under another generation: nothing is compressed again.</summary>
    public ServedPage At(long generation) => generation == Generation ? this : new ServedPage(generation, Feed, Body, Gzip);

    private static byte[] Compress(byte[] body)
    {
        using var compressed = new MemoryStream(body.Length / 3);
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return compressed.ToArray();
    }

    /// <summary>The Last-Modified header value.</summary>
    public string LastModified { get; }

    public long Generation { get; }

    public CachedFeed Feed { get; }

    public byte[] Body { get; }

    public byte[] Gzip { get; }

    public string GzipETag { get; }

    /// <summary>Memory held (for the cache's size limit).</summary>
    public long Size => Body.Length + Gzip.Length;
}

/// <summary>
/// The rendered feeds, in Redis for every replica and in process for this one. Each entry ("media:feed:e:{variant}")
/// records the feed generation it was rendered under; PostgreSQL raises the generation at the commit of any change to
/// a story (<see cref="FeedState"/>), which evicts every entry at once, and <see cref="FeedInvalidations"/> announces
/// it to every replica. While that channel is trusted, a request reads the generation and the page from process
/// memory — no round trip, no query; otherwise it reads the generation from PostgreSQL (one primary-key read) and the
/// page from memory or Redis, and renders it when neither holds that generation — also when Redis is away.
/// A page rendered from data read before a change carries the older generation and is never served.
/// </summary>
public sealed class FeedCache(RedisGuard redis, RedisNames names, FeedInvalidations local, PostgresGeneration store) : IDisposable
{
    /// <summary>Pages ready to send, by variant (and by key for links that carry it), 64 MB at most.</summary>
    private readonly MemoryCache pages = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    private static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(10);
    private static readonly RedisValue[] MetaFields = ["g", "etag", "lm", "ct", "ids"];

    /// <summary>
    /// The current page of a variant, or null (render it); and the generation to render under, read before any
    /// query so that a change committed meanwhile makes the rendering stale rather than wrong.
    /// </summary>
    public async ValueTask<(ServedPage? Page, long Generation)> FindAsync(string variant, CancellationToken cancellationToken)
    {
        var held = pages.Get<ServedPage>(variant);
        var generation = local.Trusted ? local.Generation : await store.ReadAsync(cancellationToken);
        if (held is not null && held.Generation == generation)
        {
            return (held, generation);
        }

        var (found, meta) = await redis.TryAsync(db => db.HashGetAsync(EntryKey(variant), MetaFields));
        if (!found || !meta![0].HasValue || (long)meta[0] != generation)
        {
            return (null, generation);
        }

        var feed = new CachedFeed(meta[1].ToString(), DateTimeOffset.FromUnixTimeSeconds((long)meta[2]), meta[3].ToString(), meta[4].ToString());
        if (held is not null && held.Feed.ETag == feed.ETag)
        {
            // Same content as held (a change elsewhere bumped the generation, or this replica reads Redis meanwhile).
            return (held.Generation == generation ? held : Remember(variant, held.At(generation)), generation);
        }

        var (_, value) = await redis.TryAsync(db => db.HashGetAsync(EntryKey(variant), "body"));
        var body = (byte[]?)value;
        return body is null ? (null, generation) : (Remember(variant, new ServedPage(generation, feed, body)), generation);
    }

    /// <summary>A freshly rendered page: kept here and in Redis for the other replicas.</summary>
    public async Task<ServedPage> StoreAsync(string variant, long generation, CachedFeed feed, byte[] body)
    {
        var page = Remember(variant, new ServedPage(generation, feed, body));
        var key = EntryKey(variant);
        await redis.TryAsync(async db =>
        {
            await db.HashSetAsync(key,
            [
                new HashEntry("g", generation),
                new HashEntry("etag", feed.ETag),
                new HashEntry("lm", feed.LastModified.ToUnixTimeSeconds()),
                new HashEntry("ct", feed.ContentType),
                new HashEntry("ids", feed.StoryIds),
                new HashEntry("body", body),
            ]);
            await db.KeyExpireAsync(key, EntryLifetime);
        }); // Redis away: the page is kept here only
        return page;
    }

    /// <summary>
    /// The page for a reader that sent its key in the URL: the links in the body carry the key (so that the reader can
    /// follow them), filled in once per key and page and kept here only — never in Redis.
    /// </summary>
    public ServedPage ForKey(string variant, ServedPage template, string key)
    {
        var name = variant + "\n" + key;
        if (pages.Get<ServedPage>(name) is { } held && held.Feed.ETag == template.Feed.ETag)
        {
            return held; // same content: the generation only matters for finding the template
        }

        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(template.Body).Replace(FeedQuery.KeyPlaceholder, Uri.EscapeDataString(key), StringComparison.Ordinal));
        return Remember(name, new ServedPage(template.Generation, template.Feed, body));
    }

    /// <summary>
    /// Erasure: every rendered page may hold the erased text, so all leave this process and Redis now (they are rendered
    /// again on the next request) instead of waiting out their lifetime under an older generation.
    /// </summary>
    public Task<bool> ForgetRenderedPagesAsync(CancellationToken cancellationToken = default)
    {
        pages.Compact(1.0);
        return redis.DeleteMatchingAsync(EntryKey("*"), cancellationToken);
    }

    private ServedPage Remember(string name, ServedPage page) =>
        pages.Set(name, page, new MemoryCacheEntryOptions { Size = page.Size, SlidingExpiration = EntryLifetime });

    private string EntryKey(string variant) => names.Prefix + "feed:e:" + variant;

    public void Dispose() => pages.Dispose();
}
