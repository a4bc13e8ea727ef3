// The chaos command (issue 12): starts real PostgreSQL, RabbitMQ and Redis (AppHost/local/*.sh) and Registry,
// Consultations, Campaign and Media as separate processes, on ports of its own and a fresh temporary folder; then, one
// scenario at a time under a steady stream of partner registrations (each a PartnerRegistered consumed by the three
// other services), kills or freezes one piece, brings it back, and prints a row: accepted writes, lost, duplicated,
// client errors by status, 500s, outbox unsent, error-queue depth, parked rows, and seconds back to normal.
// Exit code 1 when any scenario fails (the reasons are printed), 2 for bad arguments.
//
// dotnet run -c Release --project bench/Chaos -- [--events N] [--scenarios a,b] [--smoke] [--rate R] [--concurrency C]
//     [--fault-seconds S] [--recovery-seconds S] [--ports auto | --pg-port P --rabbit-port P --redis-port P --service-port P] [--keep]
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Iom.Bench.Chaos;

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

var scenarios = options.Scenarios is null
    ? Scenario.All
    : options.Scenarios.Select(name => Scenario.All.SingleOrDefault(s => s.Name == name)).ToList()!;
if (scenarios.Any(s => s is null))
{
    Console.Error.WriteLine($"Unknown scenario in '{string.Join(',', options.Scenarios!)}'. Known: {string.Join(", ", Scenario.All.Select(s => s.Name))}.");
    return 2;
}

var perScenario = Math.Max(10, options.Events / scenarios.Count);
var settings = new Settings(perScenario, options.Rate, options.Concurrency, options.FaultDuration, options.RecoveryDeadline, options.FlowBudget);
using var cancel = new CancellationTokenSource();
// Ctrl+C or SIGTERM (a timeout around the command): stop the scenario and the processes it started, then exit.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var taken = options.Ports.Taken();
if (taken.Count > 0)
{
    Console.Error.WriteLine($"Port(s) {string.Join(", ", taken)} already in use: choose others (--pg-port …) or --ports auto.");
    return 2;
}

var total = Stopwatch.StartNew();
Console.WriteLine($"chaos: {scenarios.Count} scenario(s), {perScenario} writes each at {settings.Rate:0.#}/s (at most {settings.Concurrency} in flight), faults of {settings.FaultDuration.TotalSeconds:0.#} s; " +
    $"ports postgres {options.Ports.Postgres}, rabbitmq {options.Ports.RabbitMq}, redis {options.Ports.Redis}, services {options.Ports.FirstService}-{options.Ports.FirstService + 3}");
var results = new List<ScenarioResult>();
await using (var suite = new Suite(options.Ports, options.Keep))
{
    try
    {
        await suite.StartServersAsync();
        Console.WriteLine($"chaos: servers ready after {total.Elapsed.TotalSeconds:0.0} s (logs in {suite.Logs})");
        await suite.StartServicesAsync();
        Console.WriteLine($"chaos: services healthy after {total.Elapsed.TotalSeconds:0.0} s");
        foreach (var scenario in scenarios)
        {
            cancel.Token.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            Console.WriteLine($"chaos: {scenario!.Name}: {scenario.Description}");
            ScenarioResult result;
            try
            {
                result = await scenario.RunAsync(suite, settings, cancel.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                result = new ScenarioResult(scenario.Name, 0, 0, 0, 0, 0, new Dictionary<string, int>(), 0, 0, 0, 0, null, null, null, 0, 0, null, [$"{ex.GetType().Name}: {ex.Message}"]);
            }

            results.Add(result);
            Console.WriteLine($"chaos: {scenario.Name}: {(result.Passed ? "passed" : "FAILED")} in {watch.Elapsed.TotalSeconds:0.0} s — {Report.Row(result)}");
            // The next scenario starts from a healthy suite: every service answering /health (a bounded wait).
            foreach (var service in suite.Services.Values)
            {
                await suite.ReadyAsync(service, TimeSpan.FromSeconds(60), healthy: true);
            }
        }
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or FileNotFoundException or OperationCanceledException)
    {
        Console.WriteLine($"chaos: stopped: {ex.Message}");
        results.Add(new ScenarioResult("(set-up)", 0, 0, 0, 0, 0, new Dictionary<string, int>(), 0, 0, 0, 0, null, null, null, 0, 0, null, [ex.Message]));
    }
}

Console.WriteLine();
Console.WriteLine(Report.Table(results));
var failed = results.Where(r => !r.Passed).ToList();
foreach (var result in failed)
{
    Console.WriteLine($"FAILED {result.Name}: {string.Join("; ", result.Failures)}");
}

Console.WriteLine($"chaos: {results.Count - failed.Count} passed, {failed.Count} failed, {total.Elapsed.TotalSeconds:0} s in all");
return failed.Count == 0 ? 0 : 1;

namespace Iom.Bench.Chaos
{
    internal sealed record Options(int Events, double Rate, int Concurrency, TimeSpan FaultDuration, TimeSpan RecoveryDeadline, Ports Ports, IReadOnlyList<string>? Scenarios, bool Keep, TimeSpan FlowBudget)
    {
        public const string Usage = """
            usage: dotnet run -c Release --project bench/Chaos -- [options]
              --events N            writes in all, shared by the scenarios (default 5000; --smoke 200)
              --scenarios a,b       only these (rabbitmq-kill, rabbitmq-freeze, postgres-kill, postgres-freeze, redis-kill,
                                    redis-freeze, consumer-kill, producer-kill, duplicate-delivery, out-of-order)
              --smoke               small and quick: 20 writes per scenario at 20/s, 1 s faults, free ports
              --rate R              writes per second (default 50)
              --concurrency C       writes in flight at most (default 16)
              --fault-seconds S     how long a server is away or frozen (default 5)
              --recovery-seconds S  how long to wait for "back to normal" before failing (default 120)
              --ports auto          free ports instead of the defaults (postgres 27439, rabbitmq 27672-27674, redis 27379, services 27501-27504,
                                    below the kernel's ephemeral range so no outgoing connection takes one meanwhile)
              --pg-port P --rabbit-port P --redis-port P --service-port P (first of four)
              --flowing-seconds S   fault end -> flowing again may take at most S (default 5, the goal; --smoke 10)
              --keep                keep the data folder and logs
            """;

        public static Options? Parse(string[] args)
        {
            var smoke = args.Contains("--smoke");
            var events = smoke ? 200 : 5000;
            var rate = smoke ? 20.0 : 50.0;
            var concurrency = 16;
            var fault = smoke ? 1.0 : 5.0;
            var recovery = smoke ? 60.0 : 120.0;
            // The goal is flowing again within 5 s of the fault's end. The smoke run in scripts/test.sh allows 10 s: it
            // guards against the regression that matters (the 30 s reconnect back-off, something lost or parked) on a CI
            // machine whose load is not ours to choose; the measured runs in RESULTS.md hold the 5 s goal.
            var flow = smoke ? 10.0 : 5.0;
            var auto = smoke;
            int pg = 27439, rabbit = 27672, redis = 27379, service = 27501;
            IReadOnlyList<string>? scenarios = null;
            var keep = false;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
                double NextDouble() => double.Parse(Next(), CultureInfo.InvariantCulture);
                try
                {
                    switch (args[i])
                    {
                        case "--smoke": break;
                        case "--events": events = NextInt(); break;
                        case "--rate": rate = NextDouble(); break;
                        case "--concurrency": concurrency = NextInt(); break;
                        case "--fault-seconds": fault = NextDouble(); break;
                        case "--recovery-seconds": recovery = NextDouble(); break;
                        case "--flowing-seconds": flow = NextDouble(); break;
                        case "--scenarios": scenarios = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                        case "--ports": auto = Next() == "auto"; break;
                        case "--pg-port": pg = NextInt(); auto = false; break;
                        case "--rabbit-port": rabbit = NextInt(); auto = false; break;
                        case "--redis-port": redis = NextInt(); auto = false; break;
                        case "--service-port": service = NextInt(); auto = false; break;
                        case "--keep": keep = true; break;
                        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return null;
                    }
                }
                catch (FormatException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return null;
                }
            }

            if (events < 1 || rate <= 0 || concurrency < 1 || fault < 0 || recovery <= 0)
            {
                return null;
            }

            return new Options(events, rate, concurrency, TimeSpan.FromSeconds(fault), TimeSpan.FromSeconds(recovery),
                auto ? Ports.Free() : new Ports(pg, rabbit, redis, service), scenarios, keep, TimeSpan.FromSeconds(flow));
        }
    }

    internal static class Report
    {
        private static string S(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "–";

        public static string Errors(IReadOnlyDictionary<string, int> errors) =>
            errors.Count == 0 ? "none" : string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}×{e.Value}"));

        public static string Row(ScenarioResult r) =>
            $"accepted {r.Accepted}/{r.Attempts}, lost {r.Lost}, duplicated {r.Duplicated}, errors {Errors(r.ClientErrors)}, back to normal {S(r.BackToNormal)} s (drain {S(r.BackToNormal - r.FlowingAgain)} s)";

        public static string Table(IReadOnlyList<ScenarioResult> results)
        {
            var text = new StringBuilder()
                .AppendLine("| scenario | accepted / sent (per s) | lost | duplicated | wrong state | client errors | 500s | outbox unsent | error queues | parked | restart s | flowing again s | back to normal s (drain s) | backlog at fault end | result |")
                .AppendLine("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in results)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.Accepted} / {r.Attempts} ({(r.StreamSeconds > 0 ? r.Accepted / r.StreamSeconds : 0):0}/s) | {r.Lost} | {r.Duplicated} | {r.WrongState} | {Errors(r.ClientErrors)} | {r.ServerErrors500} | {r.OutboxUnsent} | {r.ErrorQueueDepth} | {r.Parked} | {S(r.Restart)} | {S(r.FlowingAgain)} | {S(r.BackToNormal)} ({S(r.BackToNormal - r.FlowingAgain)}) | {r.BacklogAtFaultEnd} | {(r.Passed ? "pass" : "FAIL")}{(r.Note is null ? string.Empty : $" ({r.Note})")} |");
            }

            return text.ToString();
        }
    }
}
