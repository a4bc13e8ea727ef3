using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Iom.Bench.Chaos;

/// <summary>A write Registry accepted (201): the partner it created and when the answer came (Stopwatch ticks).</summary>
internal sealed record Accepted(Guid PartnerId, long At);

/// <summary>
/// The steady stream: media organisations registered through Registry's HTTP API (POST /api/registry/organizations), each
/// one a PartnerRegistered that Consultations, Campaign and Media keep in their partner read models. Paced at a rate,
/// with a bounded number in flight; every answer counted by status code.
/// </summary>
internal sealed class WriteStream : IDisposable
{
    private static readonly string[] CountryCodes = ["KE", "UG", "NG", "GH", "SN", "MA", "EG", "JO", "LB", "TR", "DE", "FR", "IT", "ES", "MX", "CO", "PE", "PH", "BD", "NP"];

    private readonly HttpClient http;
    private readonly string token;
    private readonly ConcurrentDictionary<string, int> errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Accepted> accepted = new();
    private long attempts;

    public WriteStream(Uri registry)
    {
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = registry,
            Timeout = TimeSpan.FromSeconds(30),
        };
        token = Tokens.Create("registry-editor");
    }

    public IReadOnlyCollection<Accepted> AcceptedWrites => accepted;

    public long Attempts => Interlocked.Read(ref attempts);

    /// <summary>Client errors by status code ("503", "timeout", "connection"), 500s included under "500".</summary>
    public IReadOnlyDictionary<string, int> Errors => errors;

    /// <summary>Called for every accepted write, as it is accepted.</summary>
    public Action<Accepted>? OnAccepted { get; set; }

    /// <summary>
    /// Sends <paramref name="count"/> registrations (and more while <paramref name="extend"/> says so) at
    /// <paramref name="rate"/> per second, at most <paramref name="concurrency"/> at once, and waits for the last answer.
    /// <paramref name="onSent"/> is told each time another write is sent (how many so far), so a scenario can start its
    /// fault part-way.
    /// </summary>
    public async Task RunAsync(string label, int count, double rate, int concurrency, Func<int, Task>? onSent, Func<bool> extend, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count || extend(); i++)
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
                    await SendOneAsync(label, n, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }, cancellationToken));
            if (onSent is not null)
            {
                await onSent(i + 1);
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendOneAsync(string label, int n, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        var country = CountryCodes[Random.Shared.Next(CountryCodes.Length)];
        // Names whose trigrams rarely meet (Registry looks for similar names in the same country at every registration).
        var name = $"{label} {Convert.ToString(Random.Shared.NextInt64(long.MaxValue), 16)} {n.ToString(CultureInfo.InvariantCulture)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/organizations")
        {
            Content = JsonContent.Create(new { name, type = "media-organisation", scope = "national", country, themes = new[] { "advocacy" } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                var write = new Accepted(body.GetProperty("id").GetGuid(), Stopwatch.GetTimestamp());
                accepted.Enqueue(write);
                OnAccepted?.Invoke(write);
            }
            else
            {
                Count(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
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

    private void Count(string kind) => errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Dispose() => http.Dispose();
}

/// <summary>Development tokens, signed with the documented development key as scripts/dev-token.sh signs them.</summary>
internal static class Tokens
{
    public static string Create(string role)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var claims = new Dictionary<string, object> { ["sub"] = $"chaos-{role}", ["role"] = role, ["iss"] = "iom-dev", ["aud"] = "iom-api", ["iat"] = now, ["nbf"] = now, ["exp"] = now + (6 * 3600) };
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Suite.SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }
}
