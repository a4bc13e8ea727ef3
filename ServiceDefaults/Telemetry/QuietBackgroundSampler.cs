using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Iom.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps the dashboard's trace list about requests and messages: a client span (database, Redis, HTTP) that starts a
/// trace of its own is a background loop's poll — the outbox relay every two seconds, schedulers, cache flushes — and
/// is dropped. Everything with a parent, and every server, consumer and producer span, is kept as before.
/// </summary>
internal sealed class QuietBackgroundSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind is ActivityKind.Client or ActivityKind.Internal && samplingParameters.ParentContext.TraceId == default
            ? Drop
            : Keep;
}
