// The node-loss command (issue 14): starts the suite in cluster mode (the AppHost with --Infrastructure:Mode=cluster:
// three RabbitMQ nodes, a PostgreSQL primary and synchronous standby, a Redis primary and replica with three Sentinels,
// two replicas of every service and of the gateway) on ports of its own; then, one scenario at a time, sends a steady
// stream of registrations through the gateway, kills one node mid-stream (kill -9), and prints a row: accepted writes,
// lost (accepted but not in Registry, or never applied by a consumer), duplicated effects, client errors by kind,
// seconds until the stream is accepted at full rate again, and seconds until the cluster is whole again.
// Exit code 1 when a scenario fails (lost or duplicated > 0, or full throughput not back within 10 s), 2 for bad arguments.
//
// dotnet build -c Release bench/NodeLoss && dotnet run -c Release --project bench/NodeLoss --no-build --
//     [--scenarios a,b] [--rate R] [--before S] [--after S] [--base-port P] [--data DIR] [--keep]
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Iom.Bench.NodeLoss;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var rate = double.Parse(Option("--rate") ?? "20", CultureInfo.InvariantCulture);
var before = TimeSpan.FromSeconds(double.Parse(Option("--before") ?? "12", CultureInfo.InvariantCulture));
var after = TimeSpan.FromSeconds(double.Parse(Option("--after") ?? "30", CultureInfo.InvariantCulture));
var ports = new ClusterPorts(int.Parse(Option("--base-port") ?? "38100", CultureInfo.InvariantCulture));
var data = Option("--data") ?? Directory.CreateTempSubdirectory("iom-node-loss-").FullName;
var keep = args.Contains("--keep");
var names = Option("--scenarios")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
var scenarios = names is null ? Scenario.All : [.. names.Select(n => Scenario.All.SingleOrDefault(s => s.Name == n)!)];
if (scenarios.Any(s => s is null))
{
    Console.Error.WriteLine($"Unknown scenario in '{Option("--scenarios")}'. Known: {string.Join(", ", Scenario.All.Select(s => s.Name))}.");
    return 2;
}

var busy = ports.All.Where(p => Cluster.ListenerOf(p) is not null).ToList();
if (busy.Count > 0)
{
    Console.Error.WriteLine($"Port(s) {string.Join(", ", busy)} already in use: choose another --base-port.");
    return 2;
}

using var cancel = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

if (args.Contains("--scale"))
{
    // The scale measure: the same cluster with one replica of every service and of the gateway, then with two.
    var events = int.Parse(Option("--events") ?? "1000", CultureInfo.InvariantCulture);
    var rounds = int.Parse(Option("--rounds") ?? "3", CultureInfo.InvariantCulture);
    var scale = new List<ScaleRow>();
    foreach (var replicas in new[] { 1, 2 })
    {
        await using var cluster = new Cluster(ports, Path.Combine(data, $"replicas-{replicas}"), keep: false, replicas, demo: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        cluster.Start();
        await cluster.WaitReadyAsync(TimeSpan.FromMinutes(8), cancel.Token);
        Console.WriteLine($"node-loss --scale: {replicas} replica(s) healthy after {watch.Elapsed.TotalSeconds:0} s; load {File.ReadAllText("/proc/loadavg").Trim()}");
        // Warm-up: a first burst and a first read of each path, not counted.
        await Scale.MeasureAsync(cluster, replicas, events / 5, 1, TimeSpan.FromSeconds(3), cancel.Token);
        var row = await Scale.MeasureAsync(cluster, replicas, events, rounds, TimeSpan.FromSeconds(10), cancel.Token);
        scale.Add(row);
        Console.WriteLine($"node-loss --scale: {replicas} replica(s): writes {row.WritesPerSecond:0}/s, events applied everywhere {row.EventsPerSecond:0}/s, feed {row.Feed}, search {row.Search}; RSS MB {row.Memory}; load {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    Console.WriteLine();
    Console.WriteLine("| replicas per service and gateway | writes/s (32 callers) | events applied in all three consumers /s | feed through the gateway | registry search through the gateway | RSS MB per replica |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var row in scale)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Replicas} | {row.WritesPerSecond:0} | {row.EventsPerSecond:0} | {row.Feed} | {row.Search} | {row.Memory} |"));
    }

    return 0;
}

var rows = new List<Row>();
var total = System.Diagnostics.Stopwatch.StartNew();
Console.WriteLine($"node-loss: {scenarios.Count} scenario(s), {rate:0.#} writes/s through the gateway for {before.TotalSeconds:0} s before and {after.TotalSeconds:0} s after each kill; data {data}");
await using (var cluster = new Cluster(ports, data, keep))
{
    try
    {
        cluster.Start();
        await cluster.WaitReadyAsync(TimeSpan.FromMinutes(8), cancel.Token);
        Console.WriteLine($"node-loss: cluster healthy after {total.Elapsed.TotalSeconds:0} s (AppHost log {cluster.Log}, dashboard http://localhost:{ports.Dashboard})");
        // A short stream first: the first writes pay for connections, JIT and query plans in every replica.
        await RunAsync(cluster, new Scenario("warm-up", "no fault", (_, _, _) => Task.FromResult("none"), (_, _, _) => Task.FromResult(true)), rate, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), warmUp: true, cancel.Token);
        foreach (var scenario in scenarios)
        {
            var row = await RunAsync(cluster, scenario!, rate, before, after, warmUp: false, cancel.Token);
            rows.Add(row);
            Console.WriteLine($"node-loss: {row.Line()}");
        }
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
    {
        Console.WriteLine($"node-loss: stopped: {ex.Message}");
        rows.Add(Row.Stopped(ex.Message));
    }
}

Console.WriteLine();
Console.WriteLine(Row.Table(rows));
Console.WriteLine($"node-loss: {rows.Count(r => r.Passed)} passed, {rows.Count(r => !r.Passed)} failed, {total.Elapsed.TotalSeconds:0} s in all");
return rows.All(r => r.Passed) ? 0 : 1;

static async Task<Row> RunAsync(Cluster cluster, Scenario scenario, double rate, TimeSpan before, TimeSpan after, bool warmUp, CancellationToken cancellationToken)
{
    var label = $"nodeloss {scenario.Name} {DateTime.UtcNow:HHmmss}";
    using var stream = new WriteStream(cluster.Gateway, label, rate, concurrency: 64);
    var running = stream.RunAsync(before + after, cancellationToken);
    await Await.UntilAsync("the stream to reach the fault", before + TimeSpan.FromSeconds(5), _ => Task.FromResult(stream.Now >= before.TotalSeconds), cancellationToken, TimeSpan.FromMilliseconds(20));
    var faultAt = stream.Now;
    var fault = new Fault();
    var what = await scenario.KillAsync(cluster, fault, cancellationToken);
    TimeSpan? back = null;
    try
    {
        back = await Await.UntilAsync($"{scenario.Name}: the cluster whole again", TimeSpan.FromSeconds(180), ct => scenario.BackAsync(cluster, fault, ct), cancellationToken, TimeSpan.FromMilliseconds(250));
    }
    catch (TimeoutException)
    {
    }

    await running;
    foreach (var (status, body) in stream.FirstBodies)
    {
        Console.WriteLine($"node-loss: {scenario.Name}: first {status}: {(body.Length > 300 ? body[..300] : body)}");
    }

    var end = (int)(before + after).TotalSeconds;
    var applied = await Effects.WaitAppliedAsync(cluster, stream.Accepted, TimeSpan.FromSeconds(180), cancellationToken);
    var duplicated = await Effects.DuplicatedAsync(cluster, stream.Accepted, cancellationToken);
    var (twice, unanswered) = await Effects.RegistryRowsAsync(cluster, label, stream.Accepted, cancellationToken);

    // Full throughput: the pace before the kill (median accepted per second, at most the offered rate); back once every
    // 3-second window from then on to the end of the stream accepted at least 90 % of it (a window, not single seconds:
    // on a shared 2-core machine a single slow second is noise, not an outage).
    var baseline = Enumerable.Range(2, Math.Max(1, (int)faultAt - 3)).Select(stream.AcceptedIn).Order().ElementAt(Math.Max(1, (int)faultAt - 3) / 2);
    var full = 0.9 * 3 * Math.Min(rate, baseline);
    int Window(int second) => stream.AcceptedIn(second) + stream.AcceptedIn(second + 1) + stream.AcceptedIn(second + 2);
    var first = (int)faultAt;
    var last = end - 4;
    var recovered = Enumerable.Range(first, Math.Max(0, last - first + 1)).FirstOrDefault(s => Enumerable.Range(s, last - s + 1).All(k => Window(k) >= full), -1);
    double? fullAgain = recovered < 0 ? null : Math.Max(0, recovered - faultAt);
    Console.WriteLine($"node-loss: {scenario.Name}: accepted per second (the kill at {faultAt:0.0} s): {string.Join(' ', Enumerable.Range(0, end).Select(stream.AcceptedIn))}");
    return new Row(scenario.Name, what, stream.Accepted.Count, stream.Sent, stream.Errors.ToDictionary(), applied.LostInRegistry, applied.NotApplied, applied.Where,
        duplicated + twice, unanswered, baseline, fullAgain, back?.TotalSeconds, applied.Took.TotalSeconds, warmUp);
}

internal sealed record Row(string Name, string What, int Accepted, long Sent, Dictionary<string, int> Errors, int LostInRegistry, int NotApplied, string Where,
    int Duplicated, int Unanswered, int Baseline, double? FullAgain, double? Back, double Drain, bool WarmUp = false, string? StoppedBecause = null)
{
    public bool Passed => StoppedBecause is null && LostInRegistry == 0 && NotApplied == 0 && Duplicated == 0 && FullAgain is <= 10;

    public static Row Stopped(string reason) => new("(set-up)", reason, 0, 0, [], 0, 0, string.Empty, 0, 0, 0, null, null, 0, StoppedBecause: reason);

    private static string S(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "never";

    private string ErrorText => Errors.Count == 0 ? "0" : string.Join(" ", Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}×{e.Value}"));

    public string Line() =>
        $"{Name}: {(Passed ? "passed" : "FAILED")} — {What}; accepted {Accepted}/{Sent}, lost {LostInRegistry} in Registry, {NotApplied} not applied{(Where.Length > 0 ? $" ({Where})" : string.Empty)}, " +
        $"duplicated {Duplicated}, client errors {ErrorText} (committed without a 201: {Unanswered}), full throughput again {S(FullAgain)} s (baseline {Baseline}/s), whole again {S(Back)} s";

    public static string Table(IEnumerable<Row> rows)
    {
        var text = new StringBuilder()
            .AppendLine("| node lost | accepted / sent | lost | not applied | duplicated | client errors | committed without a 201 | full throughput again (s) | cluster whole again (s) | result |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Accepted} / {r.Sent} | {r.LostInRegistry} | {r.NotApplied} | {r.Duplicated} | {r.ErrorText} | {r.Unanswered} | {S(r.FullAgain)} | {S(r.Back)} | {(r.Passed ? "pass" : "FAIL")}{(r.StoppedBecause is null ? string.Empty : $" ({r.StoppedBecause})")} |");
        }

        return text.ToString();
    }
}
