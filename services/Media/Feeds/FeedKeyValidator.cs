using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Media.Journalists;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>The journalist key behind a feed request: which key, whose, and whether it sees embargoed items.</summary>
public sealed record FeedCaller(Guid KeyId, Guid JournalistId, bool EmbargoAccess);

/// <summary>A request's key check: the caller (null: refused), or how long the client must wait (too many refused keys).</summary>
public sealed record KeyCheck(FeedCaller? Caller, TimeSpan? RetryAfter);

/// <summary>
/// Checks a feed key on every request. Fastest path: the answer held in process by <see cref="FeedInvalidations"/>
/// (used only while its pub/sub channel is trusted; dropped on every replica when the key changes). Next, a Redis
/// entry "media:feedkey:{sha256}" saying the key is valid (60 s TTL). On a miss: one indexed lookup in PostgreSQL (key hash → journalist → partner status, training),
/// and a valid answer is written back with SET NX. Revocation and partner suspension write a "blocked" marker
/// (SET, unconditional, 10 min) after their commit: a concurrent write-back loses against the marker (NX), so no
/// request after the revocation's commit is accepted on a cached answer. Reinstatement and training completion
/// delete the entries, and the next request reads the database again. Redis away (<see cref="RedisGuard"/>): PostgreSQL
/// answers, and blocking a key in Redis is retried until it succeeds. A refused key is held in process for a minute
/// (bounded), so a key known to be bad costs no query; refusals are limited per client address (<see cref="InvalidKeyLimit"/>).
/// </summary>
public sealed class FeedKeyValidator(
    RedisGuard redis, IServiceScopeFactory scopes, IOptions<EmbargoSettings> embargo, RedisNames names, FeedInvalidations local, InvalidKeyLimit limit)
{
    private const string Blocked = "blocked";
    private static readonly TimeSpan ValidFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BlockedFor = TimeSpan.FromMinutes(10);

    private readonly bool trainingRequiredForEmbargo = embargo.Value.RequireTraining;

    private string RedisKey(string hashHex) => names.Prefix + "feedkey:" + hashHex;

    /// <summary>The raw key from the header X-Feed-Key or the query parameter "key".</summary>
    public static string? KeyOf(HttpRequest request)
    {
        var header = request.Headers["X-Feed-Key"].ToString();
        return header.Length > 0 ? header : request.Query["key"].ToString() is { Length: > 0 } q ? q : null;
    }

    /// <summary>A feed request's key: a key known to be valid passes at once; otherwise refusals are limited per client address.</summary>
    public async ValueTask<KeyCheck> CheckAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var key = KeyOf(http.Request);
        if (key is not null && local.TryGetKey(key, out var held) && held is not null)
        {
            return new KeyCheck(held, null);
        }

        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limit.IsExhausted(address, out var retryAfter))
        {
            return new KeyCheck(null, retryAfter);
        }

        var caller = await ValidateAsync(key, cancellationToken);
        if (caller is null)
        {
            limit.NoteRefused(address);
        }

        return new KeyCheck(caller, null);
    }

    public async ValueTask<FeedCaller?> ValidateAsync(string? key, CancellationToken cancellationToken)
    {
        if (!FeedKeySecret.LooksValid(key))
        {
            return null;
        }

        if (local.TryGetKey(key!, out var held))
        {
            return held;
        }

        var epoch = local.KeyEpoch;
        var hash = FeedKeySecret.Hash(key!);
        var hex = Convert.ToHexStringLower(hash);
        var caller = await ResolveAsync(hash, hex, cancellationToken);
        local.RememberKey(key!, hex, caller, epoch);
        return caller;
    }

    /// <returns>The caller, or null: refused.</returns>
    private async Task<FeedCaller?> ResolveAsync(byte[] hash, string hex, CancellationToken cancellationToken)
    {
        var (_, cached) = await redis.TryAsync(db => db.StringGetAsync(RedisKey(hex)));
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
            // Unknown keys are not written to Redis (anyone can invent them); this replica holds the refusal a minute.
            return null;
        }

        var caller = new FeedCaller(row.Id, row.JournalistId, row.EmbargoAccess && (!trainingRequiredForEmbargo || row.Trained));
        await redis.TryAsync(db => db.StringSetAsync(RedisKey(hex), Format(caller), ValidFor, When.NotExists));
        return caller;
    }

    /// <summary>After a revocation or suspension commits: the keys stop working at once, on every replica.</summary>
    public async Task BlockAsync(IEnumerable<byte[]> hashes)
    {
        var hexes = hashes.Select(Convert.ToHexStringLower).ToList();
        local.DropKeys(hexes); // first, so that this replica refuses the keys even if Redis fails below
        async Task Block()
        {
            var db = redis.Database;
            await Task.WhenAll(hexes.Select(h => db.StringSetAsync(RedisKey(h), Blocked, BlockedFor))).WaitAsync(FeedInvalidations.AckTimeout);
            await local.KeysChangedAsync(hexes);
        }

        try
        {
            await Block();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis away: PostgreSQL refuses the key meanwhile; the marker and the announcement follow when Redis is back.
            local.Distrust();
            local.RetryUntilDone(Block);
        }
    }

    /// <summary>After a reinstatement or a change of embargo access commits: the next request asks the database.</summary>
    public async Task ForgetAsync(IEnumerable<byte[]> hashes)
    {
        var hexes = hashes.Select(Convert.ToHexStringLower).ToList();
        async Task Forget()
        {
            var db = redis.Database;
            await Task.WhenAll(hexes.Select(h => db.KeyDeleteAsync(RedisKey(h)))).WaitAsync(FeedInvalidations.AckTimeout);
            await local.KeysChangedAsync(hexes);
        }

        try
        {
            await Forget();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            local.RetryUntilDone(Forget);
        }
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
