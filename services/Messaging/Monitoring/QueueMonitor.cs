using System.ComponentModel.DataAnnotations;
using Iom.Messaging.ErrorQueues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Messaging.Monitoring;

/// <summary>
/// What an operator watches, for every service alike (issue 19): each consumer queue's depth (consumer lag) and its
/// error queue's depth as metrics, and one warning log line when a threshold is crossed — an error queue that is no
/// longer empty, outbox lag over <c>Messaging:Monitor:OutboxLagWarning</c> (30 s), parked outbox rows — and one
/// information line when it is back to normal (never a line per tick). Looks every <c>Messaging:Monitor:Interval</c>
/// (15 s). Only queue names and counts are logged: never a message.
/// </summary>
internal sealed partial class QueueMonitor(
    ConsumerQueues queues, ErrorQueueReplay broker, MessagingTelemetry telemetry, IOptions<QueueMonitorSettings> settings, TimeProvider clock, ILogger<QueueMonitor> logger)
    : BackgroundService
{
    private readonly TimeSpan interval = settings.Value.Interval;
    private readonly TimeSpan lagWarning = settings.Value.OutboxLagWarning;
    private readonly Dictionary<string, uint> errorsSeen = new(StringComparer.Ordinal); // one look at a time
    private bool lagging;
    private bool parked;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            await LookOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One look at the queues and the outbox: metrics updated, thresholds compared with the last look.</summary>
    private async Task LookOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var depths = await broker.DepthsAsync(queues.Names, cancellationToken);
            telemetry.ReportQueues(depths);
            foreach (var (queue, depth) in depths)
            {
                var before = errorsSeen.GetValueOrDefault(queue);
                errorsSeen[queue] = depth.Errors;
                if (before == 0 && depth.Errors > 0)
                {
                    LogErrorQueueNotEmpty(logger, queue + "_error", depth.Errors);
                }
                else if (before > 0 && depth.Errors == 0)
                {
                    LogErrorQueueEmpty(logger, queue + "_error");
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The broker is away: its health check and the outbox lag say so; the queues are looked at again next time.
            LogBrokerNotReadable(logger, ex.GetType().Name);
        }

        var lag = TimeSpan.FromSeconds(telemetry.OldestUnsentAgeSeconds);
        if (!lagging && lag > lagWarning)
        {
            lagging = true;
            LogOutboxLagging(logger, (int)lag.TotalSeconds, (int)lagWarning.TotalSeconds);
        }
        else if (lagging && lag <= lagWarning)
        {
            lagging = false;
            LogOutboxCaughtUp(logger);
        }

        var parkedRows = telemetry.ParkedRows;
        if (!parked && parkedRows > 0)
        {
            parked = true;
            LogOutboxParked(logger, parkedRows);
        }
        else if (parked && parkedRows == 0)
        {
            parked = false;
            LogOutboxUnparked(logger);
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Error queue {Queue} holds {Count} message(s): fix the cause, then replay it (dashboard command \"Replay error queues\")")]
    private static partial void LogErrorQueueNotEmpty(ILogger logger, string queue, uint count);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Error queue {Queue} is empty again")]
    private static partial void LogErrorQueueEmpty(ILogger logger, string queue);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "Outbox lag is {Seconds} s, over the {Threshold} s threshold: events are not reaching the broker")]
    private static partial void LogOutboxLagging(ILogger logger, int seconds, int threshold);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Information, Message = "Outbox lag is back under its threshold")]
    private static partial void LogOutboxCaughtUp(ILogger logger);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Warning, Message = "{Rows} outbox row(s) parked after repeated publish failures: fix the cause, then resend them (dashboard command \"Resend parked outbox rows\")")]
    private static partial void LogOutboxParked(ILogger logger, long rows);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Information, Message = "No outbox row is parked any more")]
    private static partial void LogOutboxUnparked(ILogger logger);

    [LoggerMessage(EventId = 6207, Level = LogLevel.Debug, Message = "Queue depths not readable this time ({Error})")]
    private static partial void LogBrokerNotReadable(ILogger logger, string error);
}

/// <summary>A consumer queue's messages waiting (ready, not yet delivered) and those in its error queue.</summary>
public readonly record struct QueueDepth(uint Waiting, uint Errors);

/// <summary>Messaging:Monitor — <c>Interval</c> between looks (15 s) and the outbox lag that warns (<c>OutboxLagWarning</c>, 30 s).</summary>
internal sealed class QueueMonitorSettings
{
    public const string Section = "Messaging:Monitor";

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan OutboxLagWarning { get; set; } = TimeSpan.FromSeconds(30);
}
