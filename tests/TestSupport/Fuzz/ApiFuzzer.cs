using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Iom.ServiceDefaults.Security;

namespace Iom.TestSupport.Fuzz;

/// <summary>
/// Black-box fuzz of a service's write routes through its real pipeline: every write route of its OpenAPI document
/// gets generated bodies (<see cref="FuzzBodies"/>), sent in one seeded, reproducible sequence. Checked on every answer:
/// no 5xx; every 4xx is RFC 9457 ProblemDetails; every 400 names a field in <c>errors</c>; a rejected request leaves
/// every table of the service's database as it was. Set IOM_FUZZ_SEED to replay a run; the seed is in every failure.
/// </summary>
public sealed class ApiFuzzer(Func<HttpClient> createClient, string databaseConnection)
{
    /// <summary>The organisation the focal-point token acts for; also offered as a path id.</summary>
    public static readonly Guid FocalOrganization = Guid.Parse("5eed0000-0000-4000-8000-000000000013");

    private readonly List<string> ids = [FocalOrganization.ToString()];
    private readonly Dictionary<string, string?> roleOfRoute = [];

    public sealed record Outcome(string Seed, int Requests, IReadOnlyDictionary<int, int> ByStatus, int Routes, TimeSpan Elapsed, TimeSpan Sending, TimeSpan Generating)
    {
        public override string ToString() =>
            $"seed {Seed}: {Requests} requests over {Routes} write routes in {Elapsed.TotalSeconds:F1}s ({Sending.TotalSeconds:F1}s waiting for answers, {Generating.TotalSeconds:F1}s generating); " +
            string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
    }

    public async Task<Outcome> RunAsync(int requests, string? seed = null)
    {
        seed ??= Environment.GetEnvironmentVariable("IOM_FUZZ_SEED");
        if (string.IsNullOrEmpty(seed))
        {
            seed = new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()).ToString();
        }

        var stopwatch = Stopwatch.StartNew();
        using var anonymous = createClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var routes = WriteRoute.From(document);
        if (routes.Count == 0)
        {
            throw new InvalidOperationException("The OpenAPI document lists no write routes.");
        }

        var clients = SuiteRoles.All.Prepend(string.Empty).ToDictionary(r => r, r =>
        {
            var client = createClient();
            if (r.Length > 0)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(r, r == SuiteRoles.CsoFocalPoint ? FocalOrganization : null));
            }

            return client;
        });
        await using var counts = await RowCounts.ForAsync(databaseConnection);
        var byStatus = new Dictionary<int, int>();
        var sendingTime = TimeSpan.Zero;
        var generatingTime = TimeSpan.Zero;
        long[]? unchanged = null;
        var pcg = PCG.Parse(seed);
        var gen = FuzzBodies.Cases(routes);
        try
        {
            for (var i = 0; i < requests; i++)
            {
                var generating = Stopwatch.GetTimestamp();
                var fuzzCase = gen.Generate(pcg, null, out _);
                generatingTime += Stopwatch.GetElapsedTime(generating);
                var path = Resolve(fuzzCase);
                var role = await RoleForAsync(fuzzCase.Route, path, clients);
                // After a rejected request the counts just read are still current: no second read needed.
                var before = unchanged ?? await counts.ReadAsync();
                unchanged = null;
                using var message = Message(fuzzCase, path, withIdempotencyKey: i % 2 == 0);
                var sending = Stopwatch.GetTimestamp();
                using var response = await clients[role ?? string.Empty].SendAsync(message);
                sendingTime += Stopwatch.GetElapsedTime(sending);
                var status = (int)response.StatusCode;
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                var body = await response.Content.ReadAsStringAsync();
                var (failure, after) = await CheckAsync(response, body, before, counts);
                unchanged = after;
                if (failure is not null)
                {
                    throw new FuzzFailureException(
                        $"Fuzz failure (seed {seed}, request {i + 1} of {requests}, as '{role ?? "anonymous"}'): {failure}\n" +
                        $"Request: {new FuzzRequest(fuzzCase.Route, path, fuzzCase.ContentType, fuzzCase.Body, fuzzCase.Kind)}\n" +
                        $"Answer {status}: {Truncate(body)}\nReplay with IOM_FUZZ_SEED={seed}");
                }

                if (status is >= 200 and < 300)
                {
                    Harvest(response, body);
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        return new Outcome(seed, requests, byStatus, routes.Count, stopwatch.Elapsed, sendingTime, generatingTime);
    }

    private static async Task<(string? Failure, long[]? Counts)> CheckAsync(HttpResponseMessage response, string body, long[] before, RowCounts counts)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return ($"a {status}", null);
        }

        if (status < 400)
        {
            return (null, null);
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return ($"a {status} that is not ProblemDetails (Content-Type {response.Content.Headers.ContentType})", null);
        }

        using (var problem = JsonDocument.Parse(body))
        {
            if (!problem.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status || !problem.RootElement.TryGetProperty("title", out _))
            {
                return ($"a {status} whose ProblemDetails lacks status or title", null);
            }

            if (status == 400 && (!problem.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object || !errors.EnumerateObject().Any()))
            {
                return ("a 400 that names no field in 'errors'", null);
            }
        }

        var after = await counts.ReadAsync();
        var changed = counts.Differences(before, after).ToList();
        if (changed.Count == 0)
        {
            return (null, after);
        }

        // Events from other test hosts on the shared broker reach this host's consumers at any moment; a consumer's
        // effect always comes with its inbox row. Only a change without consumer activity is this request's doing.
        var consumerActivity = changed.Any(c => c.StartsWith("inbox", StringComparison.OrdinalIgnoreCase));
        return (consumerActivity ? null : $"a rejected request ({status}) changed rows: {string.Join(", ", changed)}", null);
    }

    private string Resolve(FuzzCase fuzzCase)
    {
        var path = fuzzCase.Route.Template;
        for (var p = 0; p < fuzzCase.Route.PathParameters.Count; p++)
        {
            var (name, schema) = fuzzCase.Route.PathParameters[p];
            var choice = fuzzCase.PathChoices[p];
            var isId = schema?["format"]?.GetValue<string>() == "uuid";
            var value = (choice % 10, isId) switch
            {
                ( < 7, true) => ids[choice % ids.Count],
                (7, true) => "not-a-guid",
                (8, _) => "x%01y",
                ( < 8, false) => "x" + choice,
                _ => new Guid(choice, 0, 0, new byte[8]).ToString(),
            };
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private async Task<string?> RoleForAsync(WriteRoute route, string path, Dictionary<string, HttpClient> clients)
    {
        var key = route.ToString();
        if (roleOfRoute.TryGetValue(key, out var known))
        {
            return known;
        }

        // The first role the route does not refuse (401/403), probed once with an empty body on a fresh path.
        string? chosen = null;
        foreach (var role in clients.Keys)
        {
            using var probe = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
            using var response = await clients[role].SendAsync(probe);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                chosen = role.Length == 0 ? null : role;
                break;
            }
        }

        return roleOfRoute[key] = chosen ?? SuiteRoles.Admin;
    }

    private static HttpRequestMessage Message(FuzzCase fuzzCase, string path, bool withIdempotencyKey)
    {
        var message = new HttpRequestMessage(new HttpMethod(fuzzCase.Route.Method), new Uri(path, UriKind.Relative));
        if (fuzzCase.Body is not null)
        {
            message.Content = new ByteArrayContent(fuzzCase.Body);
            message.Content.Headers.ContentType = null;
            if (fuzzCase.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
            }
        }

        if (withIdempotencyKey)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        }

        return message;
    }

    private void Harvest(HttpResponseMessage response, string body)
    {
        if (response.Headers.Location is { } location && Guid.TryParse(location.OriginalString.Split('/', '?')[^1], out var fromLocation))
        {
            ids.Add(fromLocation.ToString());
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var fromBody))
            {
                ids.Add(fromBody.ToString());
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing to learn.
        }
    }

    private static string Truncate(string text) => text.Length > 1500 ? text[..1500] + "…" : text;
}

public sealed class FuzzFailureException(string message) : Exception(message);
