using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Iom.Messaging;

/// <summary>The relay's spans and its metrics: lag (age of the oldest unsent outbox row), parked rows, published, failures.</summary>
public sealed class MessagingTelemetry : IDisposable
{
    public const string Name = "Iom.Messaging";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;
    private double oldestUnsentAgeSeconds;
    private long parkedRows;
    private IReadOnlyDictionary<string, Monitoring.QueueDepth> queues = new Dictionary<string, Monitoring.QueueDepth>();

    public MessagingTelemetry(IMeterFactory meters)
    {
        meter = meters.Create(Name);
        meter.CreateObservableGauge("iom.outbox.oldest_unsent_age", () => Volatile.Read(ref oldestUnsentAgeSeconds), unit: "s",
            description: "Age of the oldest outbox row not yet published (0 when the outbox is empty).");
        meter.CreateObservableGauge("iom.outbox.parked", () => Volatile.Read(ref parkedRows), unit: "{row}",
            description: "Outbox rows parked after repeated publish failures of their own; listed and re-sent through /admin/outbox/parked.");
        meter.CreateObservableGauge("iom.queue.waiting", () => Measure(d => d.Waiting), unit: "{message}",
            description: "Messages waiting in a consumer's queue (consumer lag), per queue; read every Messaging:Monitor:Interval.");
        meter.CreateObservableGauge("iom.queue.errors", () => Measure(d => d.Errors), unit: "{message}",
            description: "Messages in a consumer's error queue (failed all retries), per queue: replay them once the cause is fixed.");
        Published = meter.CreateCounter<long>("iom.outbox.published", unit: "{message}", description: "Outbox rows published and confirmed by the broker.");
        PublishFailures = meter.CreateCounter<long>("iom.outbox.publish_failures", unit: "{message}", description: "Publish attempts that failed and will be retried.");
    }

    public Counter<long> Published { get; }

    public Counter<long> PublishFailures { get; }

    public double OldestUnsentAgeSeconds => Volatile.Read(ref oldestUnsentAgeSeconds);

    public long ParkedRows => Volatile.Read(ref parkedRows);

    public void ReportParked(long rows) => Volatile.Write(ref parkedRows, Math.Max(0, rows));

    public void ReportQueues(IReadOnlyDictionary<string, Monitoring.QueueDepth> depths) => Volatile.Write(ref queues, depths);

    private IEnumerable<Measurement<long>> Measure(Func<Monitoring.QueueDepth, uint> value) =>
        Volatile.Read(ref queues).Select(q => new Measurement<long>(value(q.Value), new KeyValuePair<string, object?>("queue", q.Key)));

    public void ReportLag(TimeSpan age) => Volatile.Write(ref oldestUnsentAgeSeconds, Math.Max(0, age.TotalSeconds));

    public void Dispose() => meter.Dispose();
}
