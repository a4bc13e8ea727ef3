using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>A rendered feed page as cached in Redis.</summary>
public sealed record CachedFeed(string ETag, DateTimeOffset LastModified, string ContentType, string StoryIds);

/// <summary>
/// The rendered feeds in Redis, shared by every replica. Each entry ("media:feed:e:{variant}") records the feed
/// generation it was rendered under; anything that changes a feed bumps the generation ("media:feed:gen") after
/// its commit, which evicts every entry at once. A request reads the generation and the entry's validators in one
/// pipelined round trip (plus the key check), so a matching If-None-Match answers 304 without touching PostgreSQL.
/// A page rendered from data read before a bump carries the old generation and is never served.
/// </summary>
public sealed class FeedCache(IConnectionMultiplexer redis, RedisNames names) : IDisposable
{
    /// <summary>
    /// Rendered bodies by strong ETag, in process memory (64 MB). Safe to keep: an ETag names exactly one body, and
    /// it is only looked up with an ETag the request just read from Redis as current. Saves the second round trip.
    /// </summary>
    private readonly MemoryCache bodies = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    private static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(10);
    private static readonly RedisValue[] MetaFields = ["g", "etag", "lm", "ct", "ids"];

    public IDatabase Database => redis.GetDatabase();

    public Task<RedisValue> GenerationAsync(IDatabaseAsync db) => db.StringGetAsync(GenerationKey);

    public Task<RedisValue[]> MetaAsync(IDatabaseAsync db, string variant) => db.HashGetAsync(EntryKey(variant), MetaFields);

    /// <summary>The entry if it belongs to the current generation.</summary>
    public static CachedFeed? Current(RedisValue generation, RedisValue[] meta)
    {
        var current = generation.HasValue ? (long)generation : 0L;
        if (!meta[0].HasValue || (long)meta[0] != current)
        {
            return null;
        }

        return new CachedFeed(meta[1].ToString(), DateTimeOffset.FromUnixTimeSeconds((long)meta[2]), meta[3].ToString(), meta[4].ToString());
    }

    public async Task<byte[]?> BodyAsync(string variant, string etag)
    {
        if (bodies.TryGetValue(etag, out byte[]? local))
        {
            return local;
        }

        var body = (byte[]?)await Database.HashGetAsync(EntryKey(variant), "body");
        if (body is not null)
        {
            Remember(etag, body);
        }

        return body;
    }

    private void Remember(string etag, byte[] body) =>
        bodies.Set(etag, body, new MemoryCacheEntryOptions { Size = body.Length, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public async Task StoreAsync(string variant, long generation, CachedFeed feed, byte[] body)
    {
        Remember(feed.ETag, body);
        var key = EntryKey(variant);
        var db = Database;
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
    }

    /// <summary>Evicts every cached feed (after the commit of a change to the stories).</summary>
    public Task EvictAllAsync() => Database.StringIncrementAsync(GenerationKey);

    private string GenerationKey => names.Prefix + "feed:gen";

    private string EntryKey(string variant) => names.Prefix + "feed:e:" + variant;

    public void Dispose() => bodies.Dispose();
}
