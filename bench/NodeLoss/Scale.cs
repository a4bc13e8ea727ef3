using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Iom.Bench.NodeLoss;

/// <summary>What one cluster (with a given number of replicas per service and gateway) serves, medians of the rounds.</summary>
internal sealed record ScaleRow(int Replicas, double WritesPerSecond, double EventsPerSecond, Hey Feed, Hey Search, string Memory);

/// <summary>One <c>hey</c> run: requests per second, latency percentiles in ms, and answers other than 200.</summary>
internal sealed record Hey(double RequestsPerSecond, double P50, double P95, double P99, int Other)
{
    public static Hey Median(IReadOnlyList<Hey> runs) => new(
        Mid(runs.Select(r => r.RequestsPerSecond)), Mid(runs.Select(r => r.P50)), Mid(runs.Select(r => r.P95)), Mid(runs.Select(r => r.P99)), runs.Sum(r => r.Other));

    public static double Mid(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RequestsPerSecond:0} req/s, p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms{(Other > 0 ? $", {Other} not 200" : string.Empty)}");
}

/// <summary>
/// The scale measure of issue 14: on one running cluster, end-to-end events per second (a burst of registrations through
/// the gateway, until every consumer has applied them), the journalist feed through the gateway, and registry search
/// through the gateway (16 concurrent callers, hey), in alternating rounds.
/// </summary>
internal static class Scale
{
    public static async Task<ScaleRow> MeasureAsync(Cluster cluster, int replicas, int events, int rounds, TimeSpan heyDuration, CancellationToken cancellationToken)
    {
        var feedKey = await FeedKeyAsync(cluster.Gateway, cancellationToken);
        var searchToken = Tokens.Create("registry-editor");
        var feeds = new List<Hey>();
        var searches = new List<Hey>();
        var writes = new List<double>();
        var applied = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // A burst: as many registrations as 32 callers can send, then the time until all three consumers applied them.
            using var stream = new WriteStream(cluster.Gateway, $"scale {replicas} {round} {DateTime.UtcNow:HHmmss}", rate: 100_000, concurrency: 32);
            var watch = Stopwatch.StartNew();
            await stream.RunAsync(TimeSpan.FromSeconds(events / 100_000.0), cancellationToken);
            var written = watch.Elapsed.TotalSeconds;
            var result = await Effects.WaitAppliedAsync(cluster, stream.Accepted, TimeSpan.FromSeconds(300), cancellationToken);
            writes.Add(stream.Accepted.Count / written);
            applied.Add(result.NotApplied == 0 ? stream.Accepted.Count / watch.Elapsed.TotalSeconds : 0);
            feeds.Add(await HeyAsync(new Uri(cluster.Gateway, "/feeds/stories.json"), $"X-Feed-Key: {feedKey}", heyDuration, cancellationToken));
            searches.Add(await HeyAsync(new Uri(cluster.Gateway, "/api/registry/organizations?q=scale&limit=25"), $"Authorization: Bearer {searchToken}", heyDuration, cancellationToken));
        }

        return new ScaleRow(replicas, Hey.Mid(writes), Hey.Mid(applied), Hey.Median(feeds), Hey.Median(searches), Memory(cluster));
    }

    /// <summary>A journalist and a feed key for them, made through the gateway as a media editor would.</summary>
    private static async Task<string> FeedKeyAsync(Uri gateway, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Create("media-editor"));
        using var journalist = await http.PostAsJsonAsync("/api/media/journalists",
            new { name = "Scale Reader", outlet = "Bench Daily", country = "KE", beats = new[] { "diaspora" }, languages = new[] { "en" }, email = $"reader{Random.Shared.Next()}@bench.example.com" }, cancellationToken);
        journalist.EnsureSuccessStatusCode();
        var id = (await journalist.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
        using var key = await http.PostAsJsonAsync($"/api/media/journalists/{id}/keys", new { label = "scale bench" }, cancellationToken);
        key.EnsureSuccessStatusCode();
        return (await key.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("key").GetString()!;
    }

    private static async Task<Hey> HeyAsync(Uri url, string header, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("hey", ["-z", $"{duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s", "-c", "16", "-H", header, url.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var hey = Process.Start(start) ?? throw new InvalidOperationException("hey did not start (apt-get install hey).");
        var output = await hey.StandardOutput.ReadToEndAsync(cancellationToken);
        await hey.WaitForExitAsync(cancellationToken);
        double Number(string pattern) =>
            Regex.Match(output, pattern) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        var other = Regex.Matches(output, @"\[(\d{3})\]\s+(\d+) responses").Where(m => m.Groups[1].Value != "200").Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            + Regex.Matches(output, @"^\s+\[(\d+)\]\s+Get", RegexOptions.Multiline).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return new Hey(Number(@"Requests/sec:\s+([\d.]+)"), 1000 * Number(@"50%+ in ([\d.]+) secs"), 1000 * Number(@"95%+ in ([\d.]+) secs"), 1000 * Number(@"99%+ in ([\d.]+) secs"), other);
    }

    /// <summary>Resident memory of every replica of every service and of the gateway, in MB.</summary>
    private static string Memory(Cluster cluster) =>
        string.Join(", ", Cluster.Replicas.Select(assembly =>
            $"{assembly["Iom.".Length..].ToLowerInvariant()} {string.Join("+", cluster.ReplicaProcesses(assembly).Select(Rss))}"));

    private static string Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? "?" : (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
