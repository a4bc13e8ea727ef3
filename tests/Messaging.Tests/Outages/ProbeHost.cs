using System.Net.Http.Json;
using System.Text.Json;
using Iom.Data;
using Iom.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Iom.Messaging.Tests.Outages;

/// <summary>
/// A small service built like the suite's four (AddServiceDefaults, its database through AddServiceDatabase, the bus
/// through AddMessaging, Redis through Aspire's client), listening on a real port, with endpoints that touch each
/// server — to watch what a client and /health see while one of them is away.
/// </summary>
public sealed class ProbeHost : IAsyncDisposable
{
    private ProbeHost(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>Set by a request to /probe/slow once it is running; the request finishes when <see cref="SlowGate"/> is set.</summary>
    public TaskCompletionSource SlowEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<ProbeHost> StartAsync(string database, string redis, string? broker, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = database,
            ["ConnectionStrings:cache"] = redis,
            ["ConnectionStrings:messaging"] = broker,
            ["Messaging:QueuePrefix"] = $"probe{Guid.NewGuid():N}"[..14],
            ["Messaging:TemporaryQueues"] = "true",
            ["Messaging:Retention:InitialDelay"] = "01:00:00",
        });
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings());
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults();
        builder.AddServiceDatabase<MessagingTestDbContext>("testdb");
        if (broker is not null)
        {
            builder.AddMessaging<MessagingTestDbContext>("probe");
        }

        builder.AddRedisClient("cache");
        var app = builder.Build();
        app.UseServiceDefaults();
        var host = (ProbeHost?)null;
        app.MapGet("/probe/database", async (MessagingTestDbContext db) => await db.Widgets.CountAsync()).AllowAnonymous();
        app.MapGet("/probe/cache", async (IConnectionMultiplexer cache) => (string?)await cache.GetDatabase().StringGetAsync("probe") ?? "none").AllowAnonymous();
        app.MapGet("/probe/slow", async () =>
        {
            host!.SlowEntered.TrySetResult();
            await host.SlowGate.Task;
            return "finished";
        }).AllowAnonymous();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new ProbeHost(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
        return host;
    }

    public async Task EnsureSchemaAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>().Database.EnsureCreatedAsync();
    }

    /// <summary>/health's status code and each check's status.</summary>
    public async Task<(int Status, Dictionary<string, string> Checks)> HealthAsync()
    {
        using var response = await Client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var checks = body.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
        return ((int)response.StatusCode, checks);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        SlowGate.TrySetResult();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
