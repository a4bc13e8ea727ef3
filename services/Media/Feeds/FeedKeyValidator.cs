using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Media.Journalists;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>The journalist key behind a feed request: which key, whose, and whether it sees embargoed items.</summary>
public sealed record FeedCaller(Guid KeyId, Guid JournalistId, bool EmbargoAccess);

/// <summary>
/// Checks a feed key on every request. Fast path: a Redis entry "media:feedkey:{sha256}" saying the key is valid
/// (60 s TTL). On a miss: one indexed lookup in PostgreSQL (key hash → journalist → partner status, training),
/// and a valid answer is written back with SET NX. Revocation and partner suspension write a "blocked" marker
/// (SET, unconditional, 10 min) after their commit: a concurrent write-back loses against the marker (NX), so no
/// request after the revocation's commit is accepted on a cached answer. Reinstatement and training completion
/// delete the entries, and the next request reads the database again.
/// </summary>
public sealed class FeedKeyValidator(IConnectionMultiplexer redis, IServiceScopeFactory scopes, IConfiguration configuration, RedisNames names)
{
    private const string Blocked = "blocked";
    private static readonly TimeSpan ValidFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BlockedFor = TimeSpan.FromMinutes(10);

    private readonly bool trainingRequiredForEmbargo = configuration.GetValue("Media:Embargo:RequireTraining", false);

    public string RedisKey(byte[] hash) => names.Prefix + "feedkey:" + Convert.ToHexStringLower(hash);

    /// <summary>The raw key from the header X-Feed-Key or the query parameter "key".</summary>
    public static string? KeyOf(HttpRequest request)
    {
        var header = request.Headers["X-Feed-Key"].ToString();
        return header.Length > 0 ? header : request.Query["key"].ToString() is { Length: > 0 } q ? q : null;
    }

    /// <summary>Starts the Redis lookup; call <see cref="ResolveAsync"/> with its result.</summary>
    public Task<RedisValue> LookupAsync(IDatabaseAsync redisDb, byte[] hash) => redisDb.StringGetAsync(RedisKey(hash));

    public async Task<FeedCaller?> ValidateAsync(string? key, CancellationToken cancellationToken)
    {
        if (!FeedKeySecret.LooksValid(key))
        {
            return null;
        }

        var hash = FeedKeySecret.Hash(key!);
        return await ResolveAsync(hash, await LookupAsync(redis.GetDatabase(), hash), cancellationToken);
    }

    public async Task<FeedCaller?> ResolveAsync(byte[] hash, RedisValue cached, CancellationToken cancellationToken)
    {
        if (cached.HasValue)
        {
            return cached == Blocked ? null : Parse(cached.ToString());
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        var row = await db.FeedKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Join(db.Journalists, k => k.JournalistId, j => j.Id, (k, j) => new
            {
                k.Id,
                k.JournalistId,
                k.EmbargoAccess,
                PartnerActive = j.PartnerId == null || db.Partners.Any(p => p.Id == j.PartnerId && p.Status == PartnerStatus.Active),
                Trained = db.TrainingAttendance.Any(a => a.JournalistId == j.Id && a.Completed),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || !row.PartnerActive)
        {
            return null;
        }

        var caller = new FeedCaller(row.Id, row.JournalistId, row.EmbargoAccess && (!trainingRequiredForEmbargo || row.Trained));
        await redis.GetDatabase().StringSetAsync(RedisKey(hash), Format(caller), ValidFor, When.NotExists);
        return caller;
    }

    /// <summary>After a revocation or suspension commits: the keys stop working at once, on every replica.</summary>
    public Task BlockAsync(IEnumerable<byte[]> hashes)
    {
        var db = redis.GetDatabase();
        return Task.WhenAll(hashes.Select(h => db.StringSetAsync(RedisKey(h), Blocked, BlockedFor)));
    }

    /// <summary>After a reinstatement or a change of embargo access commits: the next request asks the database.</summary>
    public Task ForgetAsync(IEnumerable<byte[]> hashes)
    {
        var db = redis.GetDatabase();
        return Task.WhenAll(hashes.Select(h => db.KeyDeleteAsync(RedisKey(h))));
    }

    private static string Format(FeedCaller c) => $"{c.KeyId:N}|{c.JournalistId:N}|{(c.EmbargoAccess ? 1 : 0)}";

    private static FeedCaller? Parse(string value)
    {
        var parts = value.Split('|');
        return parts.Length == 3 && Guid.TryParse(parts[0], out var keyId) && Guid.TryParse(parts[1], out var journalistId)
            ? new FeedCaller(keyId, journalistId, parts[2] == "1")
            : null;
    }
}
