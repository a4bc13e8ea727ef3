// The bench's one entry point (issue 15): starts its own PostgreSQL, RabbitMQ, Redis, the four services, the gateway and
// nginx on free loopback ports, warms up, and measures the suite against its baselines — subject and baseline alternating
// in the same run, several rounds, median with min–max — then writes bench/results/<date>.md and .svg.
// Exit code 1 when a measure failed to run (not when a goal is missed), 2 for bad arguments.
//
// dotnet run -c Release --project bench/Suite -- [--smoke] [--rounds 3] [--only gateway,events,writes,freshness,feeds,search,start]
//     [--sizes 10000,100000,1000000] [--build Release|Debug] [--seconds S] [--ports auto] [--out DIR] [--keep]
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Iom.Bench.Suite;

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

var missing = new[] { "wrk", "hey", "nginx" }.Where(tool => !OnPath(tool)).ToList();
if (missing.Count > 0)
{
    Console.Error.WriteLine($"bench: {string.Join(", ", missing)} not installed (apt-get install wrk hey nginx-light).");
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

var total = Stopwatch.StartNew();
var started = DateTimeOffset.UtcNow;
var loadStart = File.ReadAllText("/proc/loadavg").Trim();
var ports = StackPorts.Free();
var results = new Results();
Console.WriteLine($"bench: {(options.Smoke ? "smoke, " : string.Empty)}{options.Rounds} round(s), measures {string.Join(",", options.Only)}, build {options.Build}, " +
    $"ports postgres {ports.Servers.Postgres}, rabbitmq {ports.Servers.RabbitMq}, redis {ports.Servers.Redis}, services {ports.Servers.FirstService}-{ports.Servers.FirstService + 3}, gateway {ports.Gateway}, nginx {ports.Nginx}; load average {loadStart}");
string? stackLogs = null;
await using (var stack = new Stack(ports, options.Build, options.Keep))
{
    stackLogs = stack.Logs;
    var bench = new Run(stack, options, results, cancel.Token);
    try
    {
        var watch = Stopwatch.StartNew();
        await stack.StartServersAsync();
        bench.ServersReady = watch.Elapsed;
        Console.WriteLine($"bench: servers ready after {total.Elapsed.TotalSeconds:0.0} s (logs in {stack.Logs})");
        watch.Restart();
        await stack.StartSuiteAsync(options.Build);
        bench.SuiteReady = watch.Elapsed;
        Console.WriteLine($"bench: services and gateway healthy after {total.Elapsed.TotalSeconds:0.0} s ({string.Join(", ", stack.Nodes.Select(n => $"{n.Name} {n.StartToHealthy.TotalSeconds:0.0} s"))})");
        await stack.StartNginxAsync();
        await bench.SetUpAsync();
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or FileNotFoundException or HttpRequestException or OperationCanceledException)
    {
        results.Failures.Add($"set-up: {ex.Message}");
        Console.WriteLine($"bench: set-up failed: {ex}");
    }

    if (results.Failures.Count == 0)
    {
        foreach (var measure in Measures.All.Where(m => options.Only.Contains(m.Name)))
        {
            if (cancel.IsCancellationRequested)
            {
                results.Failures.Add($"{measure.Name}: cancelled");
                continue;
            }

            var watch = Stopwatch.StartNew();
            Console.WriteLine($"bench: {measure.Name}: {measure.Description}");
            try
            {
                await measure.RunAsync(bench);
                Console.WriteLine($"bench: {measure.Name}: done in {watch.Elapsed.TotalSeconds:0} s");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                results.Failures.Add($"{measure.Name}: {ex.GetType().Name}: {ex.Message}");
                Console.WriteLine($"bench: {measure.Name}: FAILED after {watch.Elapsed.TotalSeconds:0} s: {ex}");
            }
        }
    }
}

var loadEnd = File.ReadAllText("/proc/loadavg").Trim();
var date = started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
var name = date + (options.Build == "Release" ? string.Empty : "-" + options.Build.ToLowerInvariant()) + (options.Smoke ? "-smoke" : string.Empty);
var folder = options.Out ?? (options.Smoke ? Path.Combine(Path.GetTempPath(), "iom-bench-smoke") : Path.Combine(RepositoryRoot(), "bench", "results"));
Directory.CreateDirectory(folder);
var header = $"""
    # Bench results {date}{(options.Smoke ? " (smoke)" : string.Empty)} — {options.Build} builds

    Command: `dotnet run -c Release --project bench/Suite -- {string.Join(' ', args)}` — started {started:yyyy-MM-dd HH:mm} UTC, {total.Elapsed.TotalMinutes:0.0} min in all.
    Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformation.OSDescription}. Load average (1, 5, 15 min; running/all; last pid) at the start `{loadStart}`, at the end `{loadEnd}` — the machine is shared, so read the ratios (subject and baseline alternate in each round) rather than the absolute figures.
    Services and gateway: {options.Build} builds, ASPNETCORE_ENVIRONMENT=Development (as the AppHost runs them), no OTLP exporter (no dashboard), gateway rate limits on (one Redis call per request) with limits raised so the load is not refused. {options.Rounds} round(s); figures are medians over the rounds with (min–max).

    """;
var markdown = results.Markdown(header);
var svgName = name + ".svg";
if (results.Series.Count > 0)
{
    markdown += $"\n![how each cost grows with its size]({svgName})\n";
    await File.WriteAllTextAsync(Path.Combine(folder, svgName), results.Svg($"IOM suite bench {date} ({options.Build})"));
}

await File.WriteAllTextAsync(Path.Combine(folder, name + ".md"), markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"bench: wrote {Path.Combine(folder, name + ".md")}; {results.Figures.Count} figures, {results.Failures.Count} measure(s) failed to run, {total.Elapsed.TotalSeconds:0} s in all; load average at the end {loadEnd}");
if (results.Failures.Count > 0 && stackLogs is not null && options.Keep)
{
    Console.WriteLine($"bench: logs in {stackLogs}");
}

return results.Failures.Count == 0 ? 0 : 1;

static bool OnPath(string tool) =>
    (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/sbin").Any(dir => File.Exists(Path.Combine(dir, tool)));

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Iom.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

namespace Iom.Bench.Suite
{
    internal sealed record Options(bool Smoke, int Rounds, IReadOnlySet<string> Only, IReadOnlyList<int> Sizes, string Build, double Seconds, string? Out, bool Keep, bool Profile)
    {
        public const string Usage = """
            usage: dotnet run -c Release --project bench/Suite -- [options]
              --smoke               everything tiny (1 s runs, 1 round, small sizes), results to a temporary folder; well under 2 minutes
              --rounds N            rounds of every measure, subject and baseline alternating in each (default 3; --smoke 1)
              --only a,b            only these measures: gateway, events, writes, freshness, feeds, search, start (default all)
              --sizes a,b,c         organisations for the search-at-scale measure (default 10000,100000; --smoke 1000)
              --build B             Release or Debug: the builds of the services and the gateway that are run (default: the
                                    command's own, Release with dotnet run -c Release; Debug is what the README's run command runs)
              --seconds S           length of each closed-loop load run (default 5; --smoke 1)
              --ports auto          free loopback ports below 32000 (the only mode; kept for symmetry with bench/Chaos)
              --out DIR             where to write <date>.md and .svg (default bench/results; --smoke a temporary folder)
              --keep                keep the data folder and logs
              --profile             also sample the gateway (trivial route) and Registry (writes) with dotnet-trace (a NuGet tool)
            """;

        public static readonly string[] AllMeasures = ["gateway", "events", "writes", "freshness", "feeds", "search", "start"];

        public static Options? Parse(string[] args)
        {
            var smoke = args.Contains("--smoke");
            var rounds = smoke ? 1 : 3;
            IReadOnlySet<string> only = new HashSet<string>(AllMeasures, StringComparer.Ordinal);
            IReadOnlyList<int> sizes = smoke ? [1000] : [10_000, 100_000];
            // By default the services run in the build the command itself was built in: Release with dotnet run -c Release,
            // Debug for the DLL scripts/test.sh builds through Iom.sln (so its smoke run needs no second build).
            var build = typeof(Options).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";
            var seconds = smoke ? 1.0 : 5.0;
            string? output = null;
            var keep = false;
            var profile = false;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                try
                {
                    switch (args[i])
                    {
                        case "--smoke": break;
                        case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--only": only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal); break;
                        case "--sizes": sizes = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture))]; break;
                        case "--build": build = Next(); break;
                        case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--ports": _ = Next(); break;
                        case "--out": output = Path.GetFullPath(Next()); break;
                        case "--keep": keep = true; break;
                        case "--profile": profile = true; break;
                        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return null;
                    }
                }
                catch (FormatException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return null;
                }
            }

            build = build.Equals("debug", StringComparison.OrdinalIgnoreCase) ? "Debug" : build.Equals("release", StringComparison.OrdinalIgnoreCase) ? "Release" : string.Empty;
            if (rounds < 1 || seconds <= 0 || build.Length == 0 || only.Any(m => !AllMeasures.Contains(m)) || sizes.Any(s => s < 100))
            {
                return null;
            }

            return new Options(smoke, rounds, only, sizes, build, seconds, output, keep, profile);
        }
    }
}
