using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iom.Gateway.Tests.Support;

/// <summary>What the stub saw of a forwarded request.</summary>
public sealed record StubEcho(string Method, string Path, string Query, long BodyLength, Dictionary<string, string> Headers);

/// <summary>
/// A tiny Kestrel app on loopback standing in for all four services: it answers 200 with what it received
/// (method, path, headers, body length), announces itself with a Server banner the gateway must strip, serves a
/// small OpenAPI document at /openapi/v1.json, takes its time on paths ending in /slow (5 s) or when asked (?delayMs=),
/// and drops the connection of the first request per ?id= on paths ending in /dies-once.
/// </summary>
public static class StubService
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Requests seen per ?id= on paths ending in /dies-once.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Hits = new(StringComparer.Ordinal);
    private static string? address;

    public static async Task<string> AddressAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return address ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.Headers["X-Powered-By"] = "stub";
            if (context.Request.Path == "/openapi/v1.json")
            {
                await context.Response.WriteAsJsonAsync(new { openapi = "3.1.1", info = new { title = "stub", version = "v1" }, paths = new { } });
                return;
            }

            // A replica that dies under the request: the first request with a given ?id= loses its connection.
            if (context.Request.Path.Value?.EndsWith("/dies-once", StringComparison.Ordinal) == true)
            {
                var seen = Hits.AddOrUpdate(context.Request.Query["id"].ToString(), 1, (_, n) => n + 1);
                if (seen == 1)
                {
                    context.Abort();
                    return;
                }
            }

            if (context.Request.Path.Value?.EndsWith("/slow", StringComparison.Ordinal) == true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }

            if (int.TryParse(context.Request.Query["delayMs"], out var delay))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            long length = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                length += read;
            }

            var echo = new StubEcho(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                length,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            await context.Response.WriteAsJsonAsync(echo);
        });
        await app.StartAsync();
        return app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public static async Task<StubEcho> EchoAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var echo = await response.Content.ReadFromJsonAsync<StubEcho>(Json);
        return echo ?? throw new InvalidOperationException("The stub answered with no body.");
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
