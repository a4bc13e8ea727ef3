using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Iom.Bench.Suite;

/// <summary>One load run's figures: requests per second, latency percentiles in ms, and the requests that failed.</summary>
internal sealed record LoadResult(double RequestsPerSecond, double P50, double P95, double P99, double Max, long Requests, long Errors, string Tool)
{
    public double ErrorShare => Requests == 0 ? 1 : (double)Errors / Requests;
}

/// <summary>
/// The load generators, as separate processes on loopback: wrk (closed loop: 2 threads, N connections, bounded seconds)
/// with a Lua script of the bench's own that rotates paths, builds unique POST bodies and prints p50/p95/p99 at the end;
/// hey with -q (a paced rate per worker: the open-loop figure at a fixed rate).
/// </summary>
internal static partial class Load
{
    private static readonly string ScriptFolder = Directory.CreateTempSubdirectory("iom-bench-wrk-").FullName;

    public static string Token(string role, Guid? organization = null)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var claims = new Dictionary<string, object> { ["sub"] = $"bench-{role}", ["role"] = role, ["iss"] = "iom-dev", ["aud"] = "iom-api", ["iat"] = now, ["nbf"] = now, ["exp"] = now + (6 * 3600) };
        if (organization is { } org)
        {
            claims["org"] = org.ToString();
        }

        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Stack.SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Lua(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// wrk, closed loop, against <paramref name="baseAddress"/>: GETs that rotate over <paramref name="paths"/>, or (with
    /// <paramref name="registrations"/>) POSTs of a new organisation each time, with unique names.
    /// </summary>
    public static async Task<LoadResult> WrkAsync(Uri baseAddress, IReadOnlyList<string> paths, IReadOnlyDictionary<string, string> headers, double seconds, int connections = 16, int threads = 2, bool registrations = false, CancellationToken cancellationToken = default)
    {
        var script = new StringBuilder();
        script.AppendLine("local paths = {" + string.Join(", ", paths.Select(Lua)) + "}");
        foreach (var (name, value) in headers)
        {
            script.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[{Lua(name)}] = {Lua(value)}");
        }

        script.AppendLine(CultureInfo.InvariantCulture, $"local registrations = {(registrations ? "true" : "false")}");
        script.AppendLine(CultureInfo.InvariantCulture, $"local run = {Lua(Convert.ToString(Random.Shared.NextInt64(long.MaxValue), 16))}");
        script.Append("""
            local countries = {"KE","UG","NG","GH","SN","MA","EG","JO","LB","TR","DE","FR","IT","ES","MX","CO","PE","PH","BD","NP"}
            local counter = 0
            local threads = {}
            created = 0
            function setup(thread)
              thread:set("tid", #threads + 1)
              table.insert(threads, thread)
            end
            function init(args)
              math.randomseed(os.time() + (tid or 0) * 7919)
              if registrations then wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json" end
            end
            function request()
              counter = counter + 1
              local path = paths[(counter % #paths) + 1]
              if registrations then
                local name = string.format("Bench %s %x%x %d-%d", run, math.random(0, 1073741823), math.random(0, 1073741823), tid or 0, counter)
                local body = string.format('{"name":"%s","type":"media-organisation","scope":"national","country":"%s","themes":["advocacy"]}', name, countries[math.random(#countries)])
                return wrk.format("POST", path, nil, body)
              end
              return wrk.format(nil, path)
            end
            function done(summary, latency, requests)
              local made = 0
              for _, t in ipairs(threads) do made = made + (t:get("created") or 0) end
              local e = summary.errors
              io.write(string.format("BENCH requests=%d duration_us=%d p50=%d p95=%d p99=%d max=%d errors=%d created=%d\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
                e.connect + e.read + e.write + e.status + e.timeout, made))
            end

            """);
        if (registrations)
        {
            // Only for the writes: a response callback makes wrk parse every answer.
            script.AppendLine("function response(status, headers, body) if status == 201 then created = created + 1 end end");
        }

        var file = Path.Combine(ScriptFolder, $"run-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(file, script.ToString(), cancellationToken);
        var duration = Math.Max(1, (int)Math.Round(seconds));
        var output = await RunAsync("wrk", ["-t", Inv(threads), "-c", Inv(connections), "-d", $"{Inv(duration)}s", "--timeout", "10s", "-s", file, baseAddress.ToString().TrimEnd('/')], TimeSpan.FromSeconds(duration + 30), cancellationToken);
        File.Delete(file);
        var match = BenchLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk gave no result line:\n{output}");
        }

        long L(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var requests = L("requests");
        var errors = L("errors");
        var durationSeconds = L("duration") / 1e6;
        return new LoadResult((requests - errors) / durationSeconds, L("p50") / 1000.0, L("p95") / 1000.0, L("p99") / 1000.0, L("max") / 1000.0, requests, errors, "wrk");
    }

    /// <summary>hey at a paced total rate (<paramref name="rate"/> per second over <paramref name="workers"/> workers).</summary>
    public static async Task<LoadResult> HeyAsync(Uri address, IReadOnlyDictionary<string, string> headers, double rate, double seconds, int workers = 16, CancellationToken cancellationToken = default)
    {
        var arguments = new List<string> { "-z", $"{Inv((int)Math.Max(1, Math.Round(seconds)))}s", "-c", Inv(workers), "-q", (rate / workers).ToString("0.###", CultureInfo.InvariantCulture), "-t", "10", "-disable-redirects" };
        foreach (var (name, value) in headers)
        {
            arguments.Add("-H");
            arguments.Add($"{name}: {value}");
        }

        arguments.Add(address.ToString());
        var output = await RunAsync("hey", arguments, TimeSpan.FromSeconds(seconds + 40), cancellationToken);
        double Seconds(string pattern)
        {
            var m = Regex.Match(output, pattern, RegexOptions.Multiline);
            return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000 : double.NaN;
        }

        var ok = 0L;
        var all = 0L;
        foreach (Match m in Regex.Matches(output, @"\[(\d+)\]\s+(\d+) responses"))
        {
            var n = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            all += n;
            if (m.Groups[1].Value.StartsWith('2') || m.Groups[1].Value.StartsWith('3'))
            {
                ok += n;
            }
        }

        var errorLines = Regex.Match(output, @"Error distribution:(?<e>(\n\s+\[\d+\].*)+)");
        if (errorLines.Success)
        {
            foreach (Match m in Regex.Matches(errorLines.Groups["e"].Value, @"\[(\d+)\]"))
            {
                all += long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        var rps = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        return new LoadResult(
            rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Seconds(@"^\s+50%+ in ([\d.]+) secs"), Seconds(@"^\s+95%+ in ([\d.]+) secs"),
            // hey prints no 99% line when it has fewer than 100 samples: the slowest answer stands in for it then.
            double.IsNaN(Seconds(@"^\s+99%+ in ([\d.]+) secs")) ? Seconds(@"Slowest:\s+([\d.]+) secs") : Seconds(@"^\s+99%+ in ([\d.]+) secs"),
            Seconds(@"Slowest:\s+([\d.]+) secs"),
            all, all - ok, "hey");
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {deadline.TotalSeconds:0} s.");
        }

        return await stdout + await stderr;
    }

    [GeneratedRegex(@"BENCH requests=(?<requests>\d+) duration_us=(?<duration>\d+) p50=(?<p50>\d+) p95=(?<p95>\d+) p99=(?<p99>\d+) max=(?<max>\d+) errors=(?<errors>\d+) created=(?<created>\d+)")]
    private static partial Regex BenchLine();
}
