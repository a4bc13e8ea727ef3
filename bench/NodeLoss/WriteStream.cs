using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Iom.Bench.NodeLoss;

/// <summary>
/// The steady stream: organisations registered through the gateway (POST /api/registry/organizations), each one a
/// PartnerRegistered that Consultations, Campaign and Media apply. Sent at a fixed rate whatever the answers (an open
/// loop, at most <c>concurrency</c> in flight); every answer is counted by status and by the second it came in.
/// </summary>
internal sealed class WriteStream(Uri gateway, string label, double rate, int concurrency) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 128, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly string token = Tokens.Create("registry-editor");
    private readonly ConcurrentDictionary<string, int> errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> acceptedPerSecond = new();
    private readonly ConcurrentDictionary<string, string> firstBodies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Guid> accepted = new();
    private readonly Stopwatch clock = new();
    private long sent;

    public string Label => label;

    public double Rate => rate;

    public IReadOnlyCollection<Guid> Accepted => accepted;

    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Seconds since the stream started.</summary>
    public double Now => clock.Elapsed.TotalSeconds;

    /// <summary>Answers other than 201 by kind: the status code, "timeout" or "connection".</summary>
    public IReadOnlyDictionary<string, int> Errors => errors;

    /// <summary>The body of the first answer of each status other than 201 (which part refused, and why).</summary>
    public IReadOnlyDictionary<string, string> FirstBodies => firstBodies;

    /// <summary>Writes accepted in each whole second since the stream started (by the time the 201 came in).</summary>
    public int AcceptedIn(int second) => acceptedPerSecond.GetValueOrDefault(second);

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var inFlight = new List<Task>();
        clock.Start();
        var count = (int)(duration.TotalSeconds * rate);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            await slots.WaitAsync(cancellationToken);
            var n = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await SendOneAsync(n, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }, cancellationToken));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendOneAsync(int n, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref sent);
        // Names whose trigrams rarely meet (Registry looks for similar names in the same country at every registration).
        var name = $"{label} {Convert.ToString(Random.Shared.NextInt64(long.MaxValue), 16)} {n.ToString(CultureInfo.InvariantCulture)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/organizations")
        {
            Content = JsonContent.Create(new { name, type = "media-organisation", scope = "national", country = "KE", themes = new[] { "advocacy" } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                accepted.Enqueue(body.GetProperty("id").GetGuid());
                acceptedPerSecond.AddOrUpdate((int)clock.Elapsed.TotalSeconds, 1, (_, c) => c + 1);
            }
            else
            {
                var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                Count(status);
                if (!firstBodies.ContainsKey(status))
                {
                    firstBodies.TryAdd(status, await response.Content.ReadAsStringAsync(cancellationToken));
                }
            }
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Count("timeout");
        }
        catch (HttpRequestException)
        {
            Count("connection");
        }
    }

    private void Count(string kind) => errors.AddOrUpdate(kind, 1, (_, c) => c + 1);

    public void Dispose() => http.Dispose();
}

/// <summary>Development tokens, signed with the documented development key as scripts/dev-token.sh signs them.</summary>
internal static class Tokens
{
    public static string Create(string role)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var claims = new Dictionary<string, object> { ["sub"] = $"node-loss-{role}", ["role"] = role, ["iss"] = "iom-dev", ["aud"] = "iom-api", ["iat"] = now, ["nbf"] = now, ["exp"] = now + (6 * 3600) };
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Cluster.SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
