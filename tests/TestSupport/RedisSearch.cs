using StackExchange.Redis;

namespace Iom.TestSupport;

/// <summary>Searches every key's value in a Redis server (strings, hashes, lists, sets, sorted sets) for a string.</summary>
public static class RedisSearch
{
    /// <summary>The keys (matching <paramref name="pattern"/>) whose value contains <paramref name="marker"/>.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(string configuration, string marker, string pattern = "*")
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var db = redis.GetDatabase();
        var found = new List<string>();
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 500))
            {
                IEnumerable<string?> values = await db.KeyTypeAsync(key) switch
                {
                    RedisType.String => [(string?)await db.StringGetAsync(key)],
                    RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new string?[] { e.Name, e.Value }),
                    RedisType.List => (await db.ListRangeAsync(key)).Select(v => (string?)v),
                    RedisType.Set => (await db.SetMembersAsync(key)).Select(v => (string?)v),
                    RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(v => (string?)v),
                    _ => [],
                };
                if (((string?)key)?.Contains(marker, StringComparison.Ordinal) == true || values.Any(v => v?.Contains(marker, StringComparison.Ordinal) == true))
                {
                    found.Add(key!);
                }
            }
        }

        return found;
    }
}
