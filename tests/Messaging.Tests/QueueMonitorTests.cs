using System.Diagnostics.Metrics;
using Iom.Messaging.Monitoring;
using Iom.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Iom.Messaging.Tests;

/// <summary>
/// Issue 19: the error queue's depth as a metric with its unit, per queue, read as the OpenTelemetry exporter reads it,
/// and one warning line when an error queue stops being empty (one information line when it is empty again).
/// </summary>
[Collection(DoomedWidgets.Name)]
public sealed class QueueMonitorTests : IAsyncLifetime
{
    private ServerConnections servers = null!;
    private string database = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = TestDatabase.NewConnectionString(servers.Postgres, "monitor");
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(database);

    [Fact]
    public async Task A_message_in_an_error_queue_shows_in_the_errors_metric_and_logs_one_warning_until_it_is_replayed()
    {
        var prefix = $"q{Guid.NewGuid():N}"[..10];
        var logs = new CapturedLogs();
        await using var host = await MessagingHost.StartAsync(servers, database, prefix, temporaryQueues: false,
            settings: new Dictionary<string, string?> { ["Messaging:Monitor:Interval"] = "00:00:00.200" },
            configure: b => b.Logging.AddProvider(logs));
        await using var bus = await TestBus.StartAsync(servers.RabbitMq);
        var queue = new KebabCaseEndpointNameFormatter(prefix, false).Consumer<WidgetDoomedConsumer>();
        var id = Guid.NewGuid();
        WidgetDoomedConsumer.Broken[id] = true;

        await bus.PublishAsync(new WidgetDoomed(id));

        await Eventually.TrueAsync(() => Task.FromResult(Gauge(host, "iom.queue.errors", queue) == 1), TimeSpan.FromSeconds(30), "the error queue's depth in the metric");
        Assert.Equal(0, Gauge(host, "iom.queue.waiting", queue));
        await Eventually.TrueAsync(() => Task.FromResult(Warnings(logs, queue).Count == 1), TimeSpan.FromSeconds(5), "the warning");
        Assert.DoesNotContain(id.ToString(), Warnings(logs, queue)[0], StringComparison.Ordinal); // names and counts only

        WidgetDoomedConsumer.Broken.TryRemove(id, out _);
        Assert.Equal(1, await host.Host.Services.GetRequiredService<ErrorQueues.ErrorQueueReplay>().ReplayAsync(queue, 10, CancellationToken.None));
        await Eventually.TrueAsync(() => Task.FromResult(Gauge(host, "iom.queue.errors", queue) == 0), TimeSpan.FromSeconds(30), "the metric back to 0");
        await Eventually.TrueAsync(
            () => Task.FromResult(logs.Entries.Any(e => e.Level == LogLevel.Information && e.Message == $"Error queue {queue}_error is empty again")),
            TimeSpan.FromSeconds(5), "the all-clear line");
        Assert.Single(Warnings(logs, queue)); // one line for the episode, not one per look
    }

    [Fact]
    public void The_queue_metrics_carry_units_and_descriptions()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var telemetry = new MessagingTelemetry(meters.GetRequiredService<IMeterFactory>());
        var found = new Dictionary<string, Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MessagingTelemetry.Name)
                {
                    found[instrument.Name] = instrument;
                }
            },
        };
        listener.Start();

        foreach (var (name, unit) in new[] { ("iom.queue.waiting", "{message}"), ("iom.queue.errors", "{message}"), ("iom.outbox.oldest_unsent_age", "s"), ("iom.outbox.parked", "{row}") })
        {
            Assert.True(found.TryGetValue(name, out var instrument), name);
            Assert.Equal(unit, instrument!.Unit);
            Assert.False(string.IsNullOrWhiteSpace(instrument.Description), name);
        }
    }

    private static List<string> Warnings(CapturedLogs logs, string queue) =>
        logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Error queue {queue}_error holds", StringComparison.Ordinal)).Select(e => e.Message).ToList();

    /// <summary>The value of a per-queue gauge for <paramref name="queue"/>, as the exporter would read it now.</summary>
    private static long? Gauge(MessagingHost host, string name, string queue)
    {
        var meter = host.Host.Services.GetRequiredService<IMeterFactory>().Create(MessagingTelemetry.Name);
        long? value = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter && instrument.Name == name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "queue" && (string?)tag.Value == queue)
                {
                    value = measurement;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
