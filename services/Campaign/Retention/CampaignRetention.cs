using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Moderation;
using Iom.Campaign.Public;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Retention;

/// <summary>
/// Erases what Campaign no longer needs (Campaign:Retention): rejected testimonies' content after 30 days, pending
/// testimonies no moderator answered after 180 days (state "expired"), volunteer sign-ups 90 days after their action
/// ended, idempotency records after a day — with every copy Campaign holds (reports, audit details, outbox rows,
/// stored answers, the public listing's cache). In chunks, each its own transaction; rows are claimed with
/// FOR UPDATE SKIP LOCKED, so two replicas never erase the same rows twice nor wait on each other.
/// </summary>
internal sealed partial class CampaignRetention(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IOptions<Idempotency.IdempotencyOptions> idempotency, TimeProvider clock,
    ILogger<CampaignRetention> logger) : BackgroundService
{
    public const string Actor = "system:retention";

    public sealed record Result(int Rejected, int Expired, int Signups, int IdempotencyRecords)
    {
        public int Total => Rejected + Expired + Signups + IdempotencyRecords;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.InitialDelay, clock, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.Interval, clock);
            do
            {
                try
                {
                    var result = await RunOnceAsync(stoppingToken);
                    if (result.Total > 0)
                    {
                        LogErased(logger, result.Rejected, result.Expired, result.Signups, result.IdempotencyRecords);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One pass over everything past its retention.</summary>
    public async Task<Result> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var rejected = await AllChunksAsync(db => EraseTestimoniesAsync(db, TestimonyState.Rejected, now - o.RejectedTestimonies, now, cancellationToken));
        var expired = await AllChunksAsync(db => EraseTestimoniesAsync(db, TestimonyState.Pending, now - o.UnansweredTestimonies, now, cancellationToken));
        var signups = await AllChunksAsync(db => DeleteSignupsAsync(db, now - o.SignupContacts, cancellationToken));
        var records = await AllChunksAsync(db => DeleteIdempotencyRecordsAsync(db, now - idempotency.Value.Retention, cancellationToken));
        return new Result(rejected, expired, signups, records);
    }

    private async Task<int> AllChunksAsync(Func<CampaignDbContext, Task<int>> chunk)
    {
        var total = 0;
        int done;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            done = await chunk(scope.ServiceProvider.GetRequiredService<CampaignDbContext>());
            total += done;
        }
        while (done == options.Value.ChunkSize);
        return total;
    }

    /// <summary>Rejected ones (by when they were rejected) keep their state; pending ones (by when they were queued) become expired.</summary>
    private async Task<int> EraseTestimoniesAsync(CampaignDbContext db, TestimonyState state, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = state.ToString();
        var limit = options.Value.ChunkSize;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = state == TestimonyState.Rejected
            ? await db.Testimonies.FromSql($"""
                SELECT *, xmin FROM testimonies WHERE "State" = {name} AND "Story" IS NOT NULL AND "UpdatedAt" < {cutoff}
                ORDER BY "UpdatedAt" LIMIT {limit} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken)
            : await db.Testimonies.FromSql($"""
                SELECT *, xmin FROM testimonies WHERE "State" = {name} AND "QueuedAt" < {cutoff}
                ORDER BY "QueuedAt" LIMIT {limit} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        foreach (var testimony in due)
        {
            testimony.EraseContent(now);
            if (state == TestimonyState.Pending)
            {
                testimony.State = TestimonyState.Expired;
            }
        }

        await TestimonyErasure.EraseCopiesAsync(db, [.. due.Select(t => t.Id)], cancellationToken);
        foreach (var testimony in due)
        {
            Publishing.Audit(db, testimony.Id, Actor, "erased", state == TestimonyState.Rejected ? "retention: rejected" : "retention: never moderated", now);
        }

        db.EvictAfterCommit(PublicCache.Testimonies);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>Sign-ups of actions that ended (their end, else their start; or when cancelled) before the cutoff.</summary>
    private async Task<int> DeleteSignupsAsync(CampaignDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var limit = options.Value.ChunkSize;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.Database.SqlQuery<Guid>($"""
            DELETE FROM signups WHERE "Id" IN (
                SELECT s."Id" FROM signups s JOIN volunteer_actions a ON a."Id" = s."ActionId"
                WHERE LEAST(COALESCE(a."EndsAt", a."StartsAt"), a."CancelledAt") < {cutoff}
                LIMIT {limit} FOR UPDATE OF s SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        if (deleted.Count > 0)
        {
            var ids = deleted.ToArray();
            await db.Database.ExecuteSqlAsync($"""DELETE FROM idempotency_records WHERE "ResourceId" = ANY({ids})""", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted.Count;
    }

    private async Task<int> DeleteIdempotencyRecordsAsync(CampaignDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var limit = options.Value.ChunkSize;
        return await db.Database.ExecuteSqlAsync($"""
            DELETE FROM idempotency_records WHERE "KeyHash" IN (
                SELECT "KeyHash" FROM idempotency_records WHERE "CreatedAt" < {cutoff} LIMIT {limit} FOR UPDATE SKIP LOCKED)
            """, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention erased {Rejected} rejected and {Expired} unanswered testimonies, {Signups} sign-ups, {Records} idempotency records")]
    private static partial void LogErased(ILogger logger, int rejected, int expired, int signups, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign retention pass failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
