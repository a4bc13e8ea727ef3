using System.Collections.Concurrent;
using Iom.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Iom.Media.Feeds;

/// <summary>
/// The fetch log, written off the request path: each 200 feed answer notes (key, stories); once a second the notes
/// are folded into one upsert per (story, key) keeping the first and last fetch. Hourly, entries older than the
/// retention (Media:FetchLog:RetentionDays, default 90) are deleted.
/// </summary>
internal sealed partial class FetchLogWriter(IServiceScopeFactory scopes, TimeProvider clock, IOptions<FetchLogSettings> settings, ILogger<FetchLogWriter> logger) : BackgroundService
{
    private const string UpsertSql = """
        INSERT INTO fetch_log (story_id, key_id, journalist_id, first_fetched_at, last_fetched_at)
        SELECT * FROM unnest(@stories, @keys, @journalists, @firsts, @lasts)
        ON CONFLICT (story_id, key_id) DO UPDATE SET last_fetched_at = GREATEST(fetch_log.last_fetched_at, EXCLUDED.last_fetched_at)
        """;

    /// <summary>
    /// Notes since the last flush, already folded per (key, page of story ids): a cached page's id list is one string
    /// instance, so a busy feed adds no entries, only moves a "last fetched" time. Bounded: past the limit, new
    /// (key, page) pairs are not noted until the next flush (the limit is far above keys × pages read in a second).
    /// </summary>
    private readonly ConcurrentDictionary<(FeedCaller Caller, string Ids), (DateTimeOffset First, DateTimeOffset Last)> notes = new(SamePage.Instance);
    private const int MaxPending = 100_000;
    private static readonly TimeSpan Precision = TimeSpan.FromSeconds(1);
    private int pending;

    private readonly TimeSpan retention = TimeSpan.FromDays(settings.Value.RetentionDays);
    private readonly TimeSpan flushEvery = settings.Value.FlushInterval;
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    /// <summary>
    /// Notes that a key received a page. The busy case — the same key and page again within a second — is one
    /// lock-free read: "last fetched" is kept to the second, which is all a trace of a withdrawn story needs.
    /// </summary>
    public void Note(FeedCaller caller, string storyIds)
    {
        if (storyIds.Length == 0)
        {
            return;
        }

        var at = clock.GetUtcNow();
        var note = (caller, storyIds);
        if (notes.TryGetValue(note, out var seen))
        {
            if (at - seen.Last >= Precision)
            {
                notes.AddOrUpdate(note, static (_, at) => (at, at), static (_, seen, at) => (seen.First, at > seen.Last ? at : seen.Last), at);
            }
        }
        else if (Volatile.Read(ref pending) < MaxPending && notes.TryAdd(note, (at, at)))
        {
            Interlocked.Increment(ref pending);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(flushEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextCleanup)
                {
                    await CleanupAsync(stoppingToken);
                    nextCleanup = clock.GetUtcNow().AddHours(1);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var folded = new Dictionary<(Guid Story, Guid Key), (Guid Journalist, DateTimeOffset First, DateTimeOffset Last)>();
        foreach (var note in notes)
        {
            // Removed only if unchanged since read; a note updated meanwhile stays for the next flush (and is written twice: harmless).
            if (notes.TryRemove(note))
            {
                Interlocked.Decrement(ref pending);
            }

            var ((caller, ids), (first, last)) = (note.Key, note.Value);
            foreach (var id in ids.Split(','))
            {
                var storyKey = (Guid.ParseExact(id, "N"), caller.KeyId);
                folded[storyKey] = folded.TryGetValue(storyKey, out var seen)
                    ? (seen.Journalist, seen.First < first ? seen.First : first, seen.Last > last ? seen.Last : last)
                    : (caller.JournalistId, first, last);
            }
        }

        if (folded.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        await db.Database.ExecuteSqlRawAsync(UpsertSql,
        [
            new NpgsqlParameter("stories", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = folded.Keys.Select(k => k.Story).ToArray() },
            new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = folded.Keys.Select(k => k.Key).ToArray() },
            new NpgsqlParameter("journalists", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = folded.Values.Select(v => v.Journalist).ToArray() },
            new NpgsqlParameter("firsts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = folded.Values.Select(v => v.First.UtcDateTime).ToArray() },
            new NpgsqlParameter("lasts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = folded.Values.Select(v => v.Last.UtcDateTime).ToArray() },
        ], cancellationToken);
    }

    public async Task<int> CleanupAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        var cutoff = clock.GetUtcNow() - retention;
        return await db.FetchLog.Where(f => f.LastFetchedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Same key and the same id-list instance (a cached page's): no hashing of a 20-id string per request.</summary>
    private sealed class SamePage : IEqualityComparer<(FeedCaller Caller, string Ids)>
    {
        public static readonly SamePage Instance = new();

        public bool Equals((FeedCaller Caller, string Ids) x, (FeedCaller Caller, string Ids) y) =>
            ReferenceEquals(x.Ids, y.Ids) && x.Caller == y.Caller;

        public int GetHashCode((FeedCaller Caller, string Ids) obj) =>
            HashCode.Combine(obj.Caller.KeyId, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Ids));
    }

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Writing the feed fetch log failed; will retry with the next notes")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
