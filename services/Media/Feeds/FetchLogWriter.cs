using System.Threading.Channels;
using Iom.Media.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Iom.Media.Feeds;

/// <summary>
/// The fetch log, written off the request path: each 200 feed answer notes (key, stories); once a second the notes
/// are folded into one upsert per (story, key) keeping the first and last fetch. Hourly, entries older than the
/// retention (Media:FetchLog:RetentionDays, default 90) are deleted.
/// </summary>
public sealed partial class FetchLogWriter(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<FetchLogWriter> logger) : BackgroundService
{
    private const string UpsertSql = """
        INSERT INTO fetch_log (story_id, key_id, journalist_id, first_fetched_at, last_fetched_at)
        SELECT * FROM unnest(@stories, @keys, @journalists, @firsts, @lasts)
        ON CONFLICT (story_id, key_id) DO UPDATE SET last_fetched_at = GREATEST(fetch_log.last_fetched_at, EXCLUDED.last_fetched_at)
        """;

    private readonly Channel<(FeedCaller Caller, string Ids, DateTimeOffset At)> notes =
        Channel.CreateBounded<(FeedCaller, string, DateTimeOffset)>(new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropOldest });

    private readonly TimeSpan retention = TimeSpan.FromDays(configuration.GetValue("Media:FetchLog:RetentionDays", 90));
    private readonly TimeSpan flushEvery = configuration.GetValue("Media:FetchLog:FlushInterval", TimeSpan.FromSeconds(1));
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    public void Note(FeedCaller caller, string storyIds)
    {
        if (storyIds.Length > 0)
        {
            notes.Writer.TryWrite((caller, storyIds, clock.GetUtcNow()));
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
        while (notes.Reader.TryRead(out var note))
        {
            foreach (var id in note.Ids.Split(','))
            {
                var storyKey = (Guid.ParseExact(id, "N"), note.Caller.KeyId);
                folded[storyKey] = folded.TryGetValue(storyKey, out var seen)
                    ? (seen.Journalist, seen.First < note.At ? seen.First : note.At, seen.Last > note.At ? seen.Last : note.At)
                    : (note.Caller.JournalistId, note.At, note.At);
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

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Writing the feed fetch log failed; will retry with the next notes")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
