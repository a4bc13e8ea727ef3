// "Approved in Campaign → visible in the journalist feed", measured end to end through the running suite
// (scripts/run.sh): a CSO focal point submits a testimony consented for press, a moderator approves it, and the clock
// stops when the feed's live stream announces the story made from it (the stream speaks after the feed's commit and
// cache eviction, so the item is in the feed from then on — checked with a real feed fetch for every sample).
// Usage: dotnet run -c Release --project bench/Pipeline.Latency -- [gateway=http://localhost:5080] [samples=30]
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

var gateway = new Uri(args.Length > 0 ? args[0] : "http://localhost:5080");
var samples = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
var feedKey = Environment.GetEnvironmentVariable("IOM_FEED_KEY") ?? "iomk_demo-ips-newsroom-local-development-only";
var signingKey = Environment.GetEnvironmentVariable("IOM_DEV_SIGNING_KEY") ?? "iom-local-development-signing-key-not-for-production";

using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
HttpRequestMessage As(HttpMethod method, string path, string role, Guid? org = null, object? body = null)
{
    var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, org));
    return request;
}

string Token(string role, Guid? org)
{
    static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    var header = B64(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
    var claims = new Dictionary<string, object> { ["sub"] = $"bench-{role}", ["role"] = role, ["iss"] = "iom-dev", ["aud"] = "iom-api", ["iat"] = now, ["nbf"] = now, ["exp"] = now + 3600 };
    if (org is { } o)
    {
        claims["org"] = o.ToString();
    }

    var payload = B64(JsonSerializer.SerializeToUtf8Bytes(claims));
    var signature = B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes($"{header}.{payload}")));
    return $"{header}.{payload}.{signature}";
}

// An active partner that Campaign knows (the demo data's partners arrive there through Registry's events).
using var search = await http.SendAsync(As(HttpMethod.Get, "/api/registry/organizations?status=active&limit=5", "registry-editor"));
search.EnsureSuccessStatusCode();
var page = await search.Content.ReadFromJsonAsync<JsonElement>();
var organization = page.GetProperty("items")[0].GetProperty("id").GetGuid();

// The live stream: story id and the moment its publication was announced.
var announced = Channel.CreateUnbounded<(Guid StoryId, long At)>();
using var streamCancel = new CancellationTokenSource();
var stream = new HttpRequestMessage(HttpMethod.Get, "/feeds/stream");
stream.Headers.Add("X-Feed-Key", feedKey);
using var streamResponse = await http.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead);
streamResponse.EnsureSuccessStatusCode();
var reader = Task.Run(async () =>
{
    using var lines = new StreamReader(await streamResponse.Content.ReadAsStreamAsync());
    string? eventType = null;
    while (!streamCancel.IsCancellationRequested && await lines.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("event:", StringComparison.Ordinal))
        {
            eventType = line[6..].Trim();
        }
        else if (line.StartsWith("data:", StringComparison.Ordinal) && eventType == "story-published")
        {
            var at = Stopwatch.GetTimestamp();
            using var data = JsonDocument.Parse(line[5..]);
            var root = data.RootElement;
            var id = root.TryGetProperty("storyId", out var s) ? s.GetGuid() : root.GetProperty("id").GetGuid();
            await announced.Writer.WriteAsync((id, at));
        }
    }
});

var latencies = new List<double>();
for (var i = 0; i < samples; i++)
{
    using var submitted = await http.SendAsync(As(HttpMethod.Post, $"/api/campaign/organizations/{organization}/testimonies", "cso-focal-point", organization, new
    {
        title = $"Volunteering in my new town ({i})",
        story = "When I arrived, neighbours from the local association welcomed my family and helped my children at school. Now I volunteer there myself.",
        language = "en",
        themes = new[] { "diversity-and-inclusion" },
        display = "anonymous",
        consents = new[] { "campaign-app", "press" },
        consentRecorded = true,
        consentReference = $"bench-{i}",
    }));
    submitted.EnsureSuccessStatusCode();
    var testimony = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("testimonyId").GetGuid();

    while (announced.Reader.TryRead(out _))
    {
        // announcements of earlier samples or of other activity
    }

    // The clock starts when the moderator sends the approval (it commits inside that request).
    var start = Stopwatch.GetTimestamp();
    using var approved = await http.SendAsync(As(HttpMethod.Post, $"/api/campaign/moderation/testimonies/{testimony}/approval", "campaign-moderator", body: new { acknowledgeFlags = true }));
    approved.EnsureSuccessStatusCode();

    while (true)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (storyId, at) = await announced.Reader.ReadAsync(timeout.Token);
        using var story = await http.SendAsync(As(HttpMethod.Get, $"/api/media/stories/{storyId}", "media-editor"));
        var source = (await story.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sourceId");
        if (source.ValueKind == JsonValueKind.String && source.GetGuid() == testimony)
        {
            latencies.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
            var feed = new HttpRequestMessage(HttpMethod.Get, "/feeds/stories.json");
            feed.Headers.Add("X-Feed-Key", feedKey);
            using var feedResponse = await http.SendAsync(feed);
            var text = await feedResponse.Content.ReadAsStringAsync();
            if (!text.Contains(storyId.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Story {storyId} was announced but is not in the feed.");
            }

            break;
        }
    }

    Console.WriteLine($"sample {i + 1,3}: {latencies[^1],8:0.0} ms");
    await Task.Delay(TimeSpan.FromSeconds(0.6)); // stays under the feed key's rate limit
}

await streamCancel.CancelAsync();
latencies.Sort();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
Console.WriteLine($"approved in Campaign → visible in the feed, {latencies.Count} samples: p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms, min {latencies[0]:0} ms, max {latencies[^1]:0} ms");
