using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Iom.Bench.Chaos;
using Npgsql;

namespace Iom.Bench.Suite;

/// <summary>What every measure shares: the stack, the options, the results, and the set-up (a partner, a feed key).</summary>
internal sealed class Run(Stack stack, Options options, Results results, CancellationToken cancel)
{
    public static readonly string[] ConsumerDatabases = ["consultationsdb", "campaigndb", "mediadb"];

    public Stack Stack { get; } = stack;

    public Options Options { get; } = options;

    public Results Results { get; } = results;

    public CancellationToken Cancel { get; } = cancel;

    public TimeSpan ServersReady { get; set; }

    public TimeSpan SuiteReady { get; set; }

    /// <summary>RSS (MB) of each process after start, before any load.</summary>
    public Dictionary<string, double?> RssIdle { get; } = new(StringComparer.Ordinal);

    /// <summary>A partner organisation Campaign knows (CSO focal point testimonies are sent for it).</summary>
    public Guid Partner { get; private set; }

    public string FeedKey { get; private set; } = string.Empty;

    public HttpClient Http { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { Timeout = TimeSpan.FromSeconds(30) };

    public Uri GatewayAddress => Stack.Gateway!.BaseAddress;

    public Uri Direct(string service) => Stack.Services[service].BaseAddress;

    public double Seconds => Options.Seconds;

    public int Rounds => Options.Rounds;

    public static Dictionary<string, string> Bearer(string role, Guid? organization = null) => new(StringComparer.Ordinal) { ["Authorization"] = "Bearer " + Load.Token(role, organization) };

    public HttpRequestMessage Request(HttpMethod method, Uri baseAddress, string path, string? role, object? body = null, Guid? organization = null)
    {
        var request = new HttpRequestMessage(method, new Uri(baseAddress, path)) { Content = body is null ? null : JsonContent.Create(body) };
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Load.Token(role, organization));
        }

        return request;
    }

    public async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request, Cancel);
            var text = await response.Content.ReadAsStringAsync(Cancel);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
            }

            return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NpgsqlDataSource> sources = new(StringComparer.Ordinal);

    /// <summary>
    /// The bench's own pooled connections to a database, one data source per database for the whole run: a new data source
    /// per poll would make Npgsql load the server's types again each time (its "SELECT version(); SELECT ns.nspname …").
    /// </summary>
    public NpgsqlDataSource Database(string database) =>
        sources.GetOrAdd(database, d => NpgsqlDataSource.Create(Stack.DatabaseConnection(d) + ";Application Name=bench;Command Timeout=600"));

    public async Task<long> ScalarAsync(string database, string sql)
    {
        var source = Database(database);
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Partners each consumer has applied (its read model's rows that are not out-of-order placeholders).</summary>
    public async Task<Dictionary<string, long>> AppliedAsync()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var database in ConsumerDatabases)
        {
            counts[database] = await ScalarAsync(database, """SELECT count(*) FROM partners WHERE "Name" <> 'Partner organisation'""");
        }

        return counts;
    }

    public Dictionary<string, double?> Rss() => Stack.Nodes.ToDictionary(n => n.Name, n => n.RssMb(), StringComparer.Ordinal);

    public async Task SetUpAsync()
    {
        // Idle memory: a moment after start, before any load.
        await Task.Delay(TimeSpan.FromSeconds(Options.Smoke ? 1 : 5), Cancel);
        foreach (var (name, rss) in Rss())
        {
            RssIdle[name] = rss;
        }

        // Organisations to search (binary COPY, as bench/Registry.Search seeds them; no events for these rows).
        await OrganizationSeed.SeedAsync(Stack.DatabaseConnection("registrydb"), Options.Smoke ? 500 : 5000);

        // A partner that Campaign learns about through PartnerRegistered: CSO focal points send testimonies for it.
        var suffix = Convert.ToString(Random.Shared.NextInt64(long.MaxValue), 16);
        var partner = await SendAsync(Request(HttpMethod.Post, GatewayAddress, "/api/registry/organizations", "registry-editor",
            new { name = $"Bench Partner {suffix}", type = "media-organisation", scope = "national", country = "KE", themes = new[] { "advocacy" } }));
        Partner = partner.GetProperty("id").GetGuid();
        await Await.UntilAsync("Campaign knows the bench partner", TimeSpan.FromSeconds(60), async _ =>
            await ScalarAsync("campaigndb", $"""SELECT count(*) FROM partners WHERE "Id" = '{Partner}' AND "Name" <> 'Partner organisation'""") > 0, TimeSpan.FromMilliseconds(50));

        // A journalist and a feed key for the feed and freshness measures.
        var journalist = await SendAsync(Request(HttpMethod.Post, GatewayAddress, "/api/media/journalists", "media-editor",
            new { name = "Bench Reader", outlet = "Bench Wire", country = "KE", beats = new[] { "diversity-and-inclusion" }, languages = new[] { "en" }, email = $"bench-{suffix}@example.org" }));
        var key = await SendAsync(Request(HttpMethod.Post, GatewayAddress, $"/api/media/journalists/{journalist.GetProperty("id").GetGuid()}/keys", "media-editor",
            new { label = "bench", embargoAccess = false }));
        FeedKey = key.GetProperty("key").GetString()!;
    }

    /// <summary>Submits testimonies consented for press for the bench partner (16 at a time); returns their ids.</summary>
    public async Task<List<Guid>> SubmitTestimoniesAsync(int count)
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancel }, async (i, _) =>
        {
            var body = new
            {
                title = $"Volunteering in my new town ({i})",
                story = "When I arrived, neighbours from the local association welcomed my family and helped my children at school. Now I volunteer there myself.",
                language = "en",
                themes = new[] { "diversity-and-inclusion" },
                display = "anonymous",
                consents = new[] { "campaign-app", "press" },
                consentRecorded = true,
                consentReference = $"bench-{Guid.NewGuid():N}",
            };
            var answer = await SendAsync(Request(HttpMethod.Post, GatewayAddress, $"/api/campaign/organizations/{Partner}/testimonies", "cso-focal-point", body, Partner));
            ids.Add(answer.GetProperty("testimonyId").GetGuid());
        });
        return [.. ids];
    }

    public Task<JsonElement> ApproveAsync(Guid testimony) =>
        SendAsync(Request(HttpMethod.Post, GatewayAddress, $"/api/campaign/moderation/testimonies/{testimony}/approval", "campaign-moderator", new { acknowledgeFlags = true }));

    /// <summary>
    /// The journalist feed's live stream through the gateway: every story-published announcement with the moment it was
    /// read (Stopwatch ticks). Dispose to close.
    /// </summary>
    public async Task<FeedStream> OpenStreamAsync()
    {
        var stream = new FeedStream();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(GatewayAddress, "/feeds/stream"));
        request.Headers.Add("X-Feed-Key", FeedKey);
        var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        response.EnsureSuccessStatusCode();
        stream.Reader = Task.Run(async () =>
        {
            using (client)
            using (response)
            {
                try
                {
                    using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(stream.Stop.Token));
                    string? type = null;
                    while (await lines.ReadLineAsync(stream.Stop.Token) is { } line)
                    {
                        if (line.StartsWith("event:", StringComparison.Ordinal))
                        {
                            type = line[6..].Trim();
                        }
                        else if (line.StartsWith("data:", StringComparison.Ordinal) && type == "story-published")
                        {
                            var at = Stopwatch.GetTimestamp();
                            using var data = JsonDocument.Parse(line[5..]);
                            var root = data.RootElement;
                            var id = root.TryGetProperty("storyId", out var s) ? s.GetGuid() : root.GetProperty("id").GetGuid();
                            await stream.Announced.Writer.WriteAsync((id, at));
                        }
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
                {
                }
            }
        });
        return stream;
    }

    /// <summary>Which testimony each story was made from (Media's stories table).</summary>
    public async Task<Dictionary<Guid, Guid>> StorySourcesAsync(IReadOnlyCollection<Guid> stories)
    {
        var map = new Dictionary<Guid, Guid>();
        var source = Database("mediadb");
        await using var command = source.CreateCommand("""SELECT "Id", "SourceId" FROM stories WHERE "Id" = ANY(@ids) AND "SourceId" IS NOT NULL""");
        command.Parameters.AddWithValue("ids", stories.ToArray());
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            map[reader.GetGuid(0)] = reader.GetGuid(1);
        }

        return map;
    }
}

internal sealed class FeedStream : IAsyncDisposable
{
    public Channel<(Guid StoryId, long At)> Announced { get; } = Channel.CreateUnbounded<(Guid, long)>();

    public CancellationTokenSource Stop { get; } = new();

    public Task Reader { get; set; } = Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Stop.CancelAsync();
        try
        {
            await Reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        Stop.Dispose();
    }
}
