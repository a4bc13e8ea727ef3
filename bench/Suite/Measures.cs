using System.Globalization;
using System.Text;

namespace Iom.Bench.Suite;

/// <summary>One of the issue's seven measures.</summary>
internal sealed record Measure(string Name, string Description, Func<Run, Task> RunAsync);

internal static partial class Measures
{
    public static readonly IReadOnlyList<Measure> All =
    [
        new("gateway", "gateway vs direct vs nginx: closed loop (wrk) and added p99 at half the maximum rate (hey -q)", GatewayAsync),
        new("events", "committed registrations → applied in all three consumers, and backlog drain, vs raw RabbitMQ.Client (classic, quorum)", EventsAsync),
        new("writes", "registrations through the gateway (16 concurrent) vs direct, and p99 by concurrency", WritesAsync),
        new("freshness", "testimony approved in Campaign → announced in the journalist feed, at a steady rate vs one at a time", FreshnessAsync),
        new("feeds", "cached feed vs trivial JSON, and the 304 path, direct and through the gateway", FeedsAsync),
        new("search", "registry search through the gateway at each size, 16 concurrent callers, vs direct", SearchAsync),
        new("start", "process start → healthy, and RSS idle, after load, after idle", StartAsync),
    ];

    private static string F(double value, string format = "0") => Samples.F(value, format);

    private static string Ratio(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    /// <summary>The targets of one round in turn: rotated each round so no target always runs first or last.</summary>
    private static IEnumerable<T> Rotate<T>(IReadOnlyList<T> items, int round) => items.Skip(round % items.Count).Concat(items.Take(round % items.Count));

    private static string Table(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder();
        var h = header.ToList();
        text.AppendLine("| " + string.Join(" | ", h) + " |");
        text.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", h.Count)));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    /// <summary>A closed-loop wrk run with the CPU each process used per request.</summary>
    private static async Task<(LoadResult Load, Dictionary<string, double> Before, Dictionary<string, double> After)> MeasuredWrkAsync(
        Run run, Uri target, IReadOnlyList<string> paths, IReadOnlyDictionary<string, string> headers, double seconds, int connections = 16, bool registrations = false)
    {
        var before = Cpu.Snapshot(run.Stack);
        var load = await Load.WrkAsync(target, paths, headers, seconds, connections, registrations: registrations, cancellationToken: run.Cancel);
        var after = Cpu.Snapshot(run.Stack);
        return (load, before, after);
    }

    /// <summary>CPU ms per request, summed over runs: process → (cpu seconds, requests).</summary>
    private sealed class CpuTally
    {
        private readonly Dictionary<string, double> seconds = new(StringComparer.Ordinal);
        private long requests;

        public void Add(Dictionary<string, double> before, Dictionary<string, double> after, long count)
        {
            requests += count;
            foreach (var (name, value) in after)
            {
                seconds[name] = seconds.GetValueOrDefault(name) + (value - before.GetValueOrDefault(name));
            }
        }

        public override string ToString() => Cpu.PerRequest([], seconds, requests);
    }

    // 1. Gateway overhead -------------------------------------------------------------------------------------------

    private static async Task GatewayAsync(Run run)
    {
        // Variants of the gateway beside the main one, on the same services: what one setting or the build costs per request.
        var other = run.Options.Build == "Release" ? "Debug" : "Release";
        var variantSettings = new List<(string Name, string Build, Dictionary<string, string> Settings)>
        {
            ("gateway, rate limiter off", run.Options.Build, new(StringComparer.Ordinal)
            {
                ["ReverseProxy__Routes__media-public__RateLimiterPolicy"] = "disable",
                ["ReverseProxy__Routes__registry__RateLimiterPolicy"] = "disable",
            }),
            ("gateway, OpenTelemetry off", run.Options.Build, new(StringComparer.Ordinal) { ["OTEL_SDK_DISABLED"] = "true" }),
        };
        if (run.Options.Smoke)
        {
            variantSettings.RemoveAt(1); // smoke: one variant is enough to run the code path
        }
        else if (run.Stack.Built("gateway", "Iom.Gateway", other))
        {
            variantSettings.Add(($"gateway, {other} build", other, new(StringComparer.Ordinal)));
        }
        else
        {
            run.Results.Notes.Add($"No {other} build of the gateway (gateway/bin/{other}): its variant was not measured.");
        }

        for (var i = 0; i < variantSettings.Count; i++)
        {
            run.Stack.Variants.Add(await run.Stack.StartGatewayAsync(variantSettings[i].Name.Replace(", ", "-", StringComparison.Ordinal).Replace(' ', '-'), run.Stack.Ports.Variants[i], variantSettings[i].Build, variantSettings[i].Settings));
        }

        try
        {
            await GatewayTargetsAsync(run, variantSettings.Select(v => v.Name).ToList());
        }
        finally
        {
            foreach (var variant in run.Stack.Variants)
            {
                await variant.Process.StopAsync(TimeSpan.FromSeconds(10));
            }

            run.Stack.Variants.Clear();
        }
    }

    private static async Task GatewayTargetsAsync(Run run, List<string> variants)
    {
        var paths = new (string Name, string Path, string Service, Dictionary<string, string> Headers, double Goal)[]
        {
            ("registry search `?q=Migrant&limit=25`", "/api/registry/organizations?q=Migrant&limit=25", "registry", Run.Bearer("registry-editor"), 0.8),
            ("trivial JSON `/api/media/public/about`", "/api/media/public/about", "media", [], 0.5),
        };
        var main = new[] { "gateway", "direct", "nginx" };
        var targets = main.Concat(variants).ToArray();
        Uri Address(string target, string service) => target switch
        {
            "gateway" => run.GatewayAddress,
            "direct" => run.Direct(service),
            "nginx" => run.Stack.NginxAddress,
            _ => run.Stack.Variants[variants.IndexOf(target)].BaseAddress,
        };

        // Warm-up: JIT, connection pools, the services' caches (not in smoke: nothing there is a figure to keep).
        foreach (var path in run.Options.Smoke ? [] : paths)
        {
            foreach (var target in targets)
            {
                await Load.WrkAsync(Address(target, path.Service), [path.Path], path.Headers, run.Options.Smoke ? 1 : 3, cancellationToken: run.Cancel);
            }
        }

        var detail = new List<string[]>();
        foreach (var path in paths)
        {
            var closed = targets.ToDictionary(t => t, _ => new List<LoadResult>());
            var cpu = targets.ToDictionary(t => t, _ => new CpuTally());
            for (var round = 0; round < run.Rounds; round++)
            {
                foreach (var target in Rotate(targets, round))
                {
                    var (load, before, after) = await MeasuredWrkAsync(run, Address(target, path.Service), [path.Path], path.Headers, run.Seconds);
                    closed[target].Add(load);
                    cpu[target].Add(before, after, load.Requests);
                }
            }

            var gatewayRatios = new Samples(Enumerable.Range(0, run.Rounds).Select(r => closed["gateway"][r].RequestsPerSecond / closed["direct"][r].RequestsPerSecond));
            var nginxRatios = new Samples(Enumerable.Range(0, run.Rounds).Select(r => closed["nginx"][r].RequestsPerSecond / closed["direct"][r].RequestsPerSecond));
            var gw = new Samples(closed["gateway"].Select(l => l.RequestsPerSecond));
            var direct = new Samples(closed["direct"].Select(l => l.RequestsPerSecond));
            run.Results.Add(new Figure("1 gateway", $"{path.Name}: req/s through the gateway vs direct (wrk 2×16)", gw.Show("0", " req/s"), direct.Show("0", " req/s"),
                Ratio(gatewayRatios.Median) + $" ({F(gatewayRatios.Min, "0.00")}–{F(gatewayRatios.Max, "0.00")})", $"≥ {path.Goal:0.0}×", gatewayRatios.Median >= path.Goal,
                $"nginx (keepalive) {new Samples(closed["nginx"].Select(l => l.RequestsPerSecond)).Show("0")} req/s = {Ratio(nginxRatios.Median)} direct"));
            foreach (var variant in variants)
            {
                var vr = new Samples(Enumerable.Range(0, run.Rounds).Select(r => closed[variant][r].RequestsPerSecond / closed["direct"][r].RequestsPerSecond));
                var vg = new Samples(Enumerable.Range(0, run.Rounds).Select(r => closed[variant][r].RequestsPerSecond / closed["gateway"][r].RequestsPerSecond));
                run.Results.Add(new Figure("1 gateway variant", $"{path.Name}: {variant}", new Samples(closed[variant].Select(l => l.RequestsPerSecond)).Show("0", " req/s"), "direct (above)",
                    Ratio(vr.Median) + " direct", "–", null, $"{Ratio(vg.Median)} the gateway as configured; CPU ms/request: {cpu[variant]}"));
            }

            foreach (var target in targets)
            {
                detail.Add([path.Name, target, new Samples(closed[target].Select(l => l.RequestsPerSecond)).Show("0"), new Samples(closed[target].Select(l => l.P50)).Show("0.0"),
                    new Samples(closed[target].Select(l => l.P99)).Show("0.0"), closed[target].Sum(l => l.Errors).ToString(CultureInfo.InvariantCulture), cpu[target].ToString()]);
            }

            // Open loop at half the gateway's maximum rate: the same paced rate to each target, alternating.
            var rate = Math.Max(10, gw.Median / 2);
            var open = main.ToDictionary(t => t, _ => new List<LoadResult>());
            for (var round = 0; round < run.Rounds; round++)
            {
                foreach (var target in Rotate(main, round))
                {
                    open[target].Add(await Load.HeyAsync(new Uri(Address(target, path.Service), path.Path), path.Headers, rate, run.Seconds, cancellationToken: run.Cancel));
                }
            }

            var added = new Samples(Enumerable.Range(0, run.Rounds).Select(r => open["gateway"][r].P99 - open["direct"][r].P99));
            var addedNginx = new Samples(Enumerable.Range(0, run.Rounds).Select(r => open["nginx"][r].P99 - open["direct"][r].P99));
            run.Results.Add(new Figure("1 gateway", $"{path.Name}: added p99 at {rate:0} req/s (half the gateway's max; hey -q, 16 workers)",
                added.Show("0.0", " ms"), $"direct p99 {new Samples(open["direct"].Select(l => l.P99)).Show("0.0", " ms")}", "–", "≤ 2 ms", added.Median <= 2,
                $"gateway p99 {new Samples(open["gateway"].Select(l => l.P99)).Show("0.0")} ms; nginx adds {addedNginx.Show("0.0", " ms")}"));
            foreach (var target in main)
            {
                detail.Add([path.Name + $" (open loop {rate:0}/s)", target, new Samples(open[target].Select(l => l.RequestsPerSecond)).Show("0"), new Samples(open[target].Select(l => l.P50)).Show("0.0"),
                    new Samples(open[target].Select(l => l.P99)).Show("0.0"), open[target].Sum(l => l.Errors).ToString(CultureInfo.InvariantCulture), "–"]);
            }
        }

        if (run.Options.Profile)
        {
            var trivial = paths[1];
            var seconds = (int)Math.Max(5, run.Seconds);
            run.Results.Detail($"1 gateway: dotnet-trace of the gateway under wrk on the trivial route ({seconds} s, sampled thread time)",
                await Profile.SampleAsync(run, run.Stack.Gateway!, () => Load.WrkAsync(run.GatewayAddress, [trivial.Path], trivial.Headers, seconds, cancellationToken: run.Cancel), seconds));
        }

        run.Results.Detail("1 gateway: every target (median (min–max) over the rounds)", Table(
            ["path", "target", "req/s", "p50 ms", "p99 ms", "errors", "CPU ms per request by process (all rounds)"], detail));
    }

    // 3. Writes -----------------------------------------------------------------------------------------------------

    private static async Task WritesAsync(Run run)
    {
        var headers = Run.Bearer("registry-editor");
        const string path = "/api/registry/organizations";
        var seconds = run.Options.Smoke ? 1 : run.Seconds * 2;
        if (!run.Options.Smoke)
        {
            await Load.WrkAsync(run.GatewayAddress, [path], headers, 3, registrations: true, cancellationToken: run.Cancel);
        }

        var targets = new[] { "gateway", "direct" };
        var results = targets.ToDictionary(t => t, _ => new List<(LoadResult Load, double WritesPerSecond)>());
        var cpu = targets.ToDictionary(t => t, _ => new CpuTally());
        for (var round = 0; round < run.Rounds; round++)
        {
            foreach (var target in Rotate(targets, round))
            {
                var (load, before, after) = await MeasuredWrkAsync(run, target == "gateway" ? run.GatewayAddress : run.Direct("registry"), [path], headers, seconds, registrations: true);
                results[target].Add((load, load.RequestsPerSecond));
                cpu[target].Add(before, after, load.Requests);
                await CatchUpAsync(run, TimeSpan.FromSeconds(120));
            }
        }

        var gw = results["gateway"];
        var p99 = new Samples(gw.Select(r => r.Load.P99));
        var rate = new Samples(gw.Select(r => r.WritesPerSecond));
        var ratios = new Samples(Enumerable.Range(0, run.Rounds).Select(r => results["gateway"][r].WritesPerSecond / results["direct"][r].WritesPerSecond));
        run.Results.Add(new Figure("3 writes", "registrations/s through the gateway (POST, 16 concurrent)", rate.Show("0", " writes/s"),
            new Samples(results["direct"].Select(r => r.WritesPerSecond)).Show("0", " direct"), Ratio(ratios.Median), "≥ 500 writes/s", rate.Median >= 500,
            $"errors {gw.Sum(r => r.Load.Errors)}"));
        run.Results.Add(new Figure("3 writes", "registration latency through the gateway, p50 / p99", $"p50 {new Samples(gw.Select(r => r.Load.P50)).Show("0")} ms, p99 {p99.Show("0")} ms",
            $"direct p99 {new Samples(results["direct"].Select(r => r.Load.P99)).Show("0")} ms", "–", "p99 ≤ 100 ms", p99.Median <= 100));
        run.Results.Detail("3 writes: CPU ms per registration by process (all rounds)", Table(["target", "CPU ms per request"], targets.Select(t => new[] { t, cpu[t].ToString() })));

        if (run.Options.Profile)
        {
            var profileSeconds = (int)Math.Max(5, run.Seconds);
            run.Results.Detail($"3 writes: dotnet-trace of Registry under wrk registrations through the gateway ({profileSeconds} s, sampled thread time)",
                await Profile.SampleAsync(run, run.Stack.Services["registry"], () => Load.WrkAsync(run.GatewayAddress, [path], headers, profileSeconds, registrations: true, cancellationToken: run.Cancel), profileSeconds));
            await CatchUpAsync(run, TimeSpan.FromSeconds(120));
            run.Results.Detail($"3 writes: PostgreSQL statements under wrk registrations through the gateway ({profileSeconds} s)",
                await SqlSampler.SampleAsync(run, () => Load.WrkAsync(run.GatewayAddress, [path], headers, profileSeconds, registrations: true, cancellationToken: run.Cancel)));
            await CatchUpAsync(run, TimeSpan.FromSeconds(120));
        }

        // How the cost grows with concurrency (one pass through the gateway).
        var curve = new List<(double, double)>();
        var curveRate = new List<(double, double)>();
        var rows = new List<string[]>();
        foreach (var concurrency in run.Options.Smoke ? new[] { 1, 4 } : [1, 4, 16, 32])
        {
            var load = await Load.WrkAsync(run.GatewayAddress, [path], headers, seconds, connections: concurrency, threads: Math.Min(2, concurrency), registrations: true, cancellationToken: run.Cancel);
            await CatchUpAsync(run, TimeSpan.FromSeconds(120));
            curve.Add((concurrency, load.P99));
            curveRate.Add((concurrency, load.RequestsPerSecond));
            rows.Add([concurrency.ToString(CultureInfo.InvariantCulture), F(load.RequestsPerSecond), F(load.P50, "0.0"), F(load.P99, "0.0"), load.Errors.ToString(CultureInfo.InvariantCulture)]);
        }

        run.Results.Series.Add(new Series("writes through the gateway by concurrency", "p99 ms", "concurrent writers", "ms (writes/s)", curve, LogX: false));
        run.Results.Series.Add(new Series("writes through the gateway by concurrency", "writes/s", "concurrent writers", "ms (writes/s)", curveRate, LogX: false));
        run.Results.Detail("3 writes by concurrency (through the gateway, one pass)", Table(["concurrent", "writes/s", "p50 ms", "p99 ms", "errors"], rows));
    }

    /// <summary>Waits until every consumer has applied every partner Registry holds events for (so the next run starts even).</summary>
    private static async Task<TimeSpan> CatchUpAsync(Run run, TimeSpan deadline)
    {
        var expected = await run.ScalarAsync("registrydb", "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%PartnerRegistered%'");
        return await Chaos.Await.UntilAsync("consumers caught up", deadline, async _ =>
        {
            var applied = await run.AppliedAsync();
            return applied.Values.All(v => v >= expected);
        }, TimeSpan.FromMilliseconds(20));
    }

    // 5. Feeds ------------------------------------------------------------------------------------------------------

    private static async Task FeedsAsync(Run run)
    {
        // The feed needs stories: testimonies approved through the pipeline (the freshness measure adds more).
        if (await run.ScalarAsync("mediadb", "SELECT count(*) FROM stories") < 5)
        {
            var ids = await run.SubmitTestimoniesAsync(run.Options.Smoke ? 5 : 20);
            foreach (var id in ids)
            {
                await run.ApproveAsync(id);
            }

            await Chaos.Await.UntilAsync("stories in the feed", TimeSpan.FromSeconds(60), async _ => await run.ScalarAsync("mediadb", "SELECT count(*) FROM stories") >= ids.Count, TimeSpan.FromMilliseconds(50));
        }

        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(run.Direct("media"), "/feeds/stories.atom"));
        probe.Headers.Add("X-Feed-Key", run.FeedKey);
        probe.Headers.Add("Accept-Encoding", "gzip");
        using var first = await run.Http.SendAsync(probe, run.Cancel);
        first.EnsureSuccessStatusCode();
        var etag = first.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The feed gave no ETag.");
        var size = (await first.Content.ReadAsByteArrayAsync(run.Cancel)).Length;

        var rows = new (string Name, string Path, Dictionary<string, string> Headers)[]
        {
            ("trivial JSON", "/api/media/public/about", new(StringComparer.Ordinal) { ["Accept-Encoding"] = "gzip" }),
            ("cached feed 200 gzip", "/feeds/stories.atom", new(StringComparer.Ordinal) { ["X-Feed-Key"] = run.FeedKey, ["Accept-Encoding"] = "gzip" }),
            ("cached feed 304", "/feeds/stories.atom", new(StringComparer.Ordinal) { ["X-Feed-Key"] = run.FeedKey, ["Accept-Encoding"] = "gzip", ["If-None-Match"] = etag }),
        };
        var targets = new[] { "direct", "gateway" };
        foreach (var target in targets)
        {
            var address = target == "gateway" ? run.GatewayAddress : run.Direct("media");
            foreach (var row in run.Options.Smoke ? [] : rows)
            {
                await Load.WrkAsync(address, [row.Path], row.Headers, 2, cancellationToken: run.Cancel);
            }

            var loads = rows.ToDictionary(r => r.Name, _ => new List<LoadResult>());
            for (var round = 0; round < run.Rounds; round++)
            {
                foreach (var row in Rotate(rows, round))
                {
                    loads[row.Name].Add(await Load.WrkAsync(address, [row.Path], row.Headers, run.Seconds, cancellationToken: run.Cancel));
                }
            }

            var trivial = loads["trivial JSON"];
            Samples RatioOf(string name) => new(Enumerable.Range(0, run.Rounds).Select(r => loads[name][r].RequestsPerSecond / trivial[r].RequestsPerSecond));
            var feed = RatioOf("cached feed 200 gzip");
            var notModified = RatioOf("cached feed 304");
            run.Results.Add(new Figure("5 feeds", $"{target}: cached feed (Atom, gzip, {size:#,0} B) req/s vs trivial JSON", new Samples(loads["cached feed 200 gzip"].Select(l => l.RequestsPerSecond)).Show("0", " req/s"),
                new Samples(trivial.Select(l => l.RequestsPerSecond)).Show("0", " req/s"), Ratio(feed.Median) + $" ({F(feed.Min, "0.00")}–{F(feed.Max, "0.00")})", "≥ 0.9×", feed.Median >= 0.9,
                $"errors {loads["cached feed 200 gzip"].Sum(l => l.Errors)}"));
            run.Results.Add(new Figure("5 feeds", $"{target}: 304 (If-None-Match) req/s vs trivial JSON", new Samples(loads["cached feed 304"].Select(l => l.RequestsPerSecond)).Show("0", " req/s"),
                new Samples(trivial.Select(l => l.RequestsPerSecond)).Show("0", " req/s"), Ratio(notModified.Median), "–", null,
                $"p99 {new Samples(loads["cached feed 304"].Select(l => l.P99)).Show("0.0")} ms; non-2xx/3xx {loads["cached feed 304"].Sum(l => l.Errors)}"));
        }
    }

    // 7. Start and memory -------------------------------------------------------------------------------------------

    private static async Task StartAsync(Run run)
    {
        var afterLoad = run.Rss();
        var idleSeconds = run.Options.Smoke ? 3 : 60;
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds), run.Cancel);
        var afterIdle = run.Rss();

        var starts = new List<(TimeSpan Suite, Dictionary<string, TimeSpan> Nodes, Dictionary<string, double?> Rss)>
        {
            (run.SuiteReady, run.Stack.Nodes.ToDictionary(n => n.Name, n => n.StartToHealthy, StringComparer.Ordinal), run.RssIdle),
        };
        for (var round = 1; round < run.Rounds; round++)
        {
            await run.Stack.StopSuiteAsync();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await run.Stack.StartSuiteAsync(run.Options.Build);
            var suite = watch.Elapsed;
            var nodes = run.Stack.Nodes.ToDictionary(n => n.Name, n => n.StartToHealthy, StringComparer.Ordinal);
            await Task.Delay(TimeSpan.FromSeconds(run.Options.Smoke ? 1 : 5), run.Cancel);
            starts.Add((suite, nodes, run.Rss()));
        }

        await run.Stack.StartNginxAsync(); // same ports; nginx's upstream connections to the old processes are gone
        var suiteStart = new Samples(starts.Select(s => s.Suite.TotalSeconds));
        run.Results.Add(new Figure("7 start", "four services started at once → all healthy, then the gateway → healthy (processes only)", suiteStart.Show("0.0", " s"),
            $"servers (PostgreSQL, RabbitMQ, Redis) {run.ServersReady.TotalSeconds:0.0} s", "–", "≤ 30 s (README command, warm build)", suiteStart.Median <= 30,
            "excludes the AppHost, DCP and dashboard; see README"));
        var rows = new List<string[]>();
        foreach (var name in run.Stack.Nodes.Select(n => n.Name))
        {
            var idle = new Samples(starts.Select(s => s.Rss.GetValueOrDefault(name) ?? double.NaN));
            var loaded = afterLoad.GetValueOrDefault(name) ?? double.NaN;
            var rested = afterIdle.GetValueOrDefault(name) ?? double.NaN;
            var first = run.RssIdle.GetValueOrDefault(name) ?? double.NaN;
            var returned = rested <= first * 1.25;
            rows.Add([name, new Samples(starts.Select(s => s.Nodes.GetValueOrDefault(name).TotalSeconds)).Show("0.0"), idle.Show("0"), F(loaded), F(rested),
                idle.Median <= 150 ? "met" : "**not met**", returned ? "yes" : "**no**"]);
            run.Results.Add(new Figure("7 memory", $"{name}: RSS idle / after load / {idleSeconds} s after", $"{idle.Show("0")} / {F(loaded)} / {F(rested)} MB", "–", "–",
                "idle ≤ 150 MB; returned after load (≤ 1.25× idle)", idle.Median <= 150 && returned, $"start → healthy {new Samples(starts.Select(s => s.Nodes.GetValueOrDefault(name).TotalSeconds)).Show("0.0", " s")}"));
        }

        run.Results.Detail("7 start and memory by process", Table(["process", "start → healthy s", "RSS idle MB", "after load MB", $"{idleSeconds} s idle MB", "idle ≤ 150 MB", "returned (≤ 1.25× idle)"], rows));
    }
}
