using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Public;

/// <summary>
/// The public listings are kept in the Redis output cache under these tags. A change that alters a listing asks
/// for its tag to be evicted with <see cref="EvictAfterCommit"/>; the eviction happens once the change is committed
/// (never before, or a reader could cache the old state again in between).
/// </summary>
public static class PublicCache
{
    public const string Testimonies = "campaign-public-testimonies";
    public const string Actions = "campaign-public-actions";

    private static readonly ConditionalWeakTable<DbContext, HashSet<string>> Pending = [];

    public static void EvictAfterCommit(this DbContext db, string tag)
    {
        lock (Pending)
        {
            Pending.GetOrCreateValue(db).Add(tag);
        }
    }

    internal static IReadOnlyCollection<string> TakePending(DbContext db)
    {
        lock (Pending)
        {
            return Pending.TryGetValue(db, out var tags) && Pending.Remove(db) ? tags : [];
        }
    }

    internal static void Discard(DbContext db)
    {
        lock (Pending)
        {
            Pending.Remove(db);
        }
    }

    /// <summary>Writes the body with a strong ETag of its content, or a 304 when the caller already has it.</summary>
    public static IResult JsonWithETag<T>(HttpContext http, T body)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, options);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        http.Response.Headers.ETag = etag;
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }
}

/// <summary>Evicts the tags a DbContext asked for, after its changes are committed (implicit or explicit transaction).</summary>
public sealed partial class CacheEvictionInterceptor(IServiceProvider services, ILogger<CacheEvictionInterceptor> logger)
    : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            await EvictAsync(db);
        }

        return result;
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            await EvictAsync(db);
        }
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            PublicCache.Discard(db);
        }

        return Task.CompletedTask;
    }

    private async Task EvictAsync(DbContext db)
    {
        var tags = PublicCache.TakePending(db);
        if (tags.Count == 0)
        {
            return;
        }

        var store = services.GetRequiredService<IOutputCacheStore>();
        foreach (var tag in tags)
        {
            try
            {
                await store.EvictByTagAsync(tag, CancellationToken.None);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or ObjectDisposedException)
            {
                // The change is committed; the entry expires on its own shortly.
                LogEvictionFailed(logger, tag, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not evict output cache tag {Tag}; it expires on its own")]
    private static partial void LogEvictionFailed(ILogger logger, string tag, Exception exception);
}
