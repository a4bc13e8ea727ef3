using System.ComponentModel.DataAnnotations;
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
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Longest wait between failing passes. Short, so the backlog flows within seconds of the broker's return (a new
    /// commit wakes the relay sooner anyway).
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one publish may wait for the broker (reconnecting included) before the pass ends and backs off.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Failed attempts after which a row is parked: kept, skipped by the relay, counted in iom.outbox.parked and
    /// re-sent by an operator. Only failures of the row itself count — never a broker outage.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

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
        $"SELECT * FROM {OutboxInboxModel.OutboxTable} WHERE sent_at IS NULL AND parked_at IS NULL ORDER BY sequence LIMIT {{0}} FOR UPDATE SKIP LOCKED";

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
    /// awaiting their confirms at once) and marks the confirmed ones sent. A row that fails by itself counts an attempt
    /// and is parked at <see cref="OutboxOptions.MaxAttempts"/>; a broker failure ends the pass and counts nothing.
    /// Returns how many were published.
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        for (var start = 0; start < rows.Count; start += window)
        {
            var slice = rows.GetRange(start, Math.Min(window, rows.Count - start));
            timeout.CancelAfter(options.Value.PublishTimeout);
            var confirms = slice.Select(row => PublishAsync(row, timeout.Token)).ToList(); // started in commit order
            var brokerFailed = false;
            for (var i = 0; i < slice.Count; i++)
            {
                try
                {
                    await confirms[i];
                    slice[i].SentAt = clock.GetUtcNow();
                    published++;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    telemetry.PublishFailures.Add(1);
                    failure ??= ex;
                    if (ex is not UnpublishableRowException && BrokerErrors.IsBrokerUnavailable(ex))
                    {
                        brokerFailed = true;
                    }
                    else
                    {
                        CountFailedAttempt(slice[i], ex);
                    }
                }
            }

            // The broker away (or failing): stop here and back off; the rows keep their attempts. Rows that failed by
            // themselves do not stop the pass: the rows after them still go out, also past a whole window of them.
            if (brokerFailed)
            {
                break;
            }
        }

        // Rows confirmed by the broker are marked even when another one failed, so they are not sent again.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        telemetry.Published.Add(published);
        await ReportBacklogAsync(db, cancellationToken);

        if (failure is not null)
        {
            throw new InvalidOperationException("Publishing an outbox row failed; it stays unsent and is retried.", failure);
        }

        return published;
    }

    private void CountFailedAttempt(OutboxMessage row, Exception ex)
    {
        row.Attempts++;
        var error = $"{ex.GetType().Name}: {ex.Message}";
        row.LastError = error.Length > OutboxInboxModel.LastErrorLength ? error[..OutboxInboxModel.LastErrorLength] : error;
        if (row.Attempts >= options.Value.MaxAttempts)
        {
            row.ParkedAt = clock.GetUtcNow();
            LogRowParked(logger, row.Sequence, row.MessageType, row.Attempts);
        }
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        Type type;
        object message;
        try
        {
            type = Type.GetType(row.MessageType, throwOnError: true)!;
            message = JsonSerializer.Deserialize(row.Body, type, OutboxStaging.Json)
                ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missing assembly is a FileNotFoundException, an IOException: it must not pass for a broker outage.
            throw new UnpublishableRowException($"Outbox row {row.Sequence} cannot be read as {row.MessageType}.", ex);
        }

        using var activity = MessagingTelemetry.Source.StartActivity($"outbox relay {type.Name}", ActivityKind.Producer, row.TraceParent);
        activity?.SetTag("messaging.message.id", row.MessageId);
        await bus.Publish(message, type, Pipe.Execute<PublishContext>(ctx => ctx.MessageId = row.MessageId), cancellationToken);
    }

    private async Task ReportBacklogAsync(TDbContext db, CancellationToken cancellationToken)
    {
        var oldest = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && m.ParkedAt == null)
            .OrderBy(m => m.Sequence)
            .Select(m => (DateTimeOffset?)m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        telemetry.ReportLag(oldest is null ? TimeSpan.Zero : clock.GetUtcNow() - oldest.Value);
        telemetry.ReportParked(await db.Set<OutboxMessage>().CountAsync(m => m.ParkedAt != null, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay pass failed ({Failures} in a row); retrying in {DelaySeconds:0.0} s")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, int failures, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Sequence} ({MessageType}) parked after {Attempts} failed attempts; re-send it with POST .../admin/outbox/parked/resend once fixed")]
    private static partial void LogRowParked(ILogger logger, long sequence, string messageType, int attempts);
}

/// <summary>The row itself cannot be turned into a message (unknown type, unreadable body): it counts an attempt.</summary>
internal sealed class UnpublishableRowException(string message, Exception inner) : Exception(message, inner);
