using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Messaging.Outbox;

public sealed class OutboxOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 100;

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many publishes of a batch wait for their broker confirms at once (1: one at a time). They are started in
    /// commit order; with more than one in flight, the broker may receive neighbours out of order, which consumers
    /// tolerate already (they run concurrently and compare the events' own timestamps).
    /// </summary>
    public int MaxInFlight { get; set; } = 32;
}

/// <summary>
/// Publishes committed outbox rows to RabbitMQ with publisher confirms and marks them sent.
/// Woken by <see cref="OutboxSignal"/> after each commit, polls as a fallback. Rows are claimed with
/// FOR UPDATE SKIP LOCKED, so several replicas share the work without publishing a row twice.
/// </summary>
public sealed partial class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IBus bus,
    MessagingTelemetry telemetry,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private static readonly string ClaimSql =
        $"SELECT * FROM {OutboxInboxModel.OutboxTable} WHERE sent_at IS NULL ORDER BY sequence LIMIT {{0}} FOR UPDATE SKIP LOCKED";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await RelayBatchAsync(stoppingToken);
                failures = 0;
                if (published == options.Value.BatchSize)
                {
                    continue;
                }

                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(options.Value.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));
                LogRelayFailed(logger, ex, failures, delay.TotalSeconds);
                try
                {
                    // A new commit still wakes the relay: a row that can never be published must not delay the events
                    // committed after it by the whole back-off. Back-off still spaces the retries of an idle outbox.
                    await signal.WaitAsync(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Claims one batch of unsent rows, publishes them in commit order (up to <see cref="OutboxOptions.MaxInFlight"/>
    /// awaiting their confirms at once) and marks the confirmed ones sent. Returns how many were published.
    /// </summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Set<OutboxMessage>()
            .FromSqlRaw(ClaimSql, options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var published = 0;
        Exception? failure = null;
        var window = Math.Max(1, options.Value.MaxInFlight);
        for (var start = 0; start < rows.Count; start += window)
        {
            var slice = rows.GetRange(start, Math.Min(window, rows.Count - start));
            var confirms = slice.Select(row => PublishAsync(row, cancellationToken)).ToList(); // started in commit order
            var failed = 0;
            for (var i = 0; i < slice.Count; i++)
            {
                try
                {
                    await confirms[i];
                    slice[i].SentAt = clock.GetUtcNow();
                    published++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    telemetry.PublishFailures.Add(1);
                    failure ??= ex;
                    failed++;
                }
            }

            // A whole window failing means the broker is away: stop here and back off. A row that fails alone (a
            // message that cannot be published) stays unsent and is retried, without holding back the rows after it.
            if (failed == slice.Count)
            {
                break;
            }
        }

        // Rows confirmed by the broker are marked even when another one failed, so they are not sent again.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        telemetry.Published.Add(published);
        await ReportLagAsync(db, cancellationToken);

        if (failure is not null)
        {
            throw new InvalidOperationException("Publishing an outbox row failed; it stays unsent and is retried.", failure);
        }

        return published;
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var type = Type.GetType(row.MessageType, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(row.Body, type, OutboxStaging.Json)
            ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");

        using var activity = MessagingTelemetry.Source.StartActivity($"outbox relay {type.Name}", ActivityKind.Producer, row.TraceParent);
        activity?.SetTag("messaging.message.id", row.MessageId);
        await bus.Publish(message, type, Pipe.Execute<PublishContext>(ctx => ctx.MessageId = row.MessageId), cancellationToken);
    }

    private async Task ReportLagAsync(TDbContext db, CancellationToken cancellationToken)
    {
        var oldest = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null)
            .OrderBy(m => m.Sequence)
            .Select(m => (DateTimeOffset?)m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        telemetry.ReportLag(oldest is null ? TimeSpan.Zero : clock.GetUtcNow() - oldest.Value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay pass failed ({Failures} in a row); retrying in {DelaySeconds:0.0} s")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, int failures, double delaySeconds);
}
