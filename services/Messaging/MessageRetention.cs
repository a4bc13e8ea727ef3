using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Messaging;

internal sealed class MessageRetentionOptions
{
    /// <summary>How long a published outbox row is kept (for tracing what was sent): 7 days.</summary>
    public TimeSpan SentOutbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long an inbox row is kept: 30 days. A redelivery of a message older than this would be handled again, so it
    /// must stay well above how long a message can wait in a queue or an error queue before it is replayed.
    /// </summary>
    public TimeSpan Inbox { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first pass comes this long after start, when start-up work has settled: 1 minute.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Deletes published outbox rows and inbox rows past their retention (Messaging:Retention), hourly, in chunks so that
/// no delete holds many row locks at once. Unsent outbox rows are never deleted. Outbox bodies can carry personal data
/// (a testimony's text on its way to Media): they do not outlive the retention.
/// </summary>
internal sealed partial class MessageRetention<TDbContext>(
    IServiceScopeFactory scopes, IOptions<MessageRetentionOptions> options, TimeProvider clock, ILogger<MessageRetention<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private const int Chunk = 5000;

    private static readonly string DeleteSentOutbox =
        $"DELETE FROM {OutboxInboxModel.OutboxTable} WHERE ctid IN (SELECT ctid FROM {OutboxInboxModel.OutboxTable} WHERE sent_at IS NOT NULL AND sent_at < {{0}} LIMIT {Chunk})";

    private static readonly string DeleteInbox =
        $"DELETE FROM {OutboxInboxModel.InboxTable} WHERE ctid IN (SELECT ctid FROM {OutboxInboxModel.InboxTable} WHERE processed_at < {{0}} LIMIT {Chunk})";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.InitialDelay, clock, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                var (outbox, inbox) = await RunOnceAsync(stoppingToken);
                if (outbox + inbox > 0)
                {
                    LogDeleted(logger, outbox, inbox);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One pass: returns how many outbox and inbox rows were deleted.</summary>
    public async Task<(int Outbox, int Inbox)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outbox = await DeleteAllAsync(DeleteSentOutbox, now - options.Value.SentOutbox, cancellationToken);
        var inbox = await DeleteAllAsync(DeleteInbox, now - options.Value.Inbox, cancellationToken);
        return (outbox, inbox);
    }

    private async Task<int> DeleteAllAsync(string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            deleted = await db.Database.ExecuteSqlRawAsync(sql, [cutoff.UtcDateTime], cancellationToken);
            total += deleted;
        }
        while (deleted == Chunk);
        return total;
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Message retention deleted {Outbox} published outbox rows and {Inbox} inbox rows")]
    private static partial void LogDeleted(ILogger logger, int outbox, int inbox);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Message retention pass failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
