using System.Net.Http.Headers;
using Iom.ServiceDefaults.Hosting;
using Iom.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Iom.Gateway.Tests.Support;

/// <summary>
/// The gateway on real Kestrel (so limits, Server headers and client addresses are the real ones), its four
/// clusters pointed at the stub service, rate limits counted in the real Redis under a key prefix of its own.
/// Limits default to generous values so that only the tests about limits meet them.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly string[] Clusters = ["registry", "consultations", "campaign", "media"];

    /// <summary>The Together web front's cluster (pages, not an API): also pointed at the stub.</summary>
    public const string WebCluster = "web";

    private readonly Dictionary<string, string?> settings = new()
    {
        ["Gateway:RateLimits:PerCaller:PermitLimit"] = "100000",
        ["Gateway:RateLimits:FeedKey:PermitLimit"] = "100000",
        ["Gateway:RateLimits:AnonymousSubmission:PermitLimit"] = "100000",
        // The tests about sharing limits need Redis's count, also on a loaded test machine; the tests about a Redis
        // that does not answer set the production timeout themselves.
        ["Gateway:RateLimits:RedisTimeout"] = "00:00:05",
    };

    private string environment = DevelopmentOnly.TestingEnvironment;
    private string redis = null!;
    private string stub = null!;

    public string KeyPrefix { get; set; } = $"test:gw:{Guid.NewGuid():N}";

    public string StubAddress => stub;

    /// <summary>What the gateway logged, when <see cref="RunIn"/> asked for it.</summary>
    public CapturedLogs? Logs { get; private set; }

    /// <summary>Runs the gateway in another environment (e.g. "Production") and keeps its logs (before it starts).</summary>
    public GatewayFactory RunIn(string environmentName)
    {
        environment = environmentName;
        Logs = new CapturedLogs();
        return this;
    }

    /// <summary>A setting for the gateway (before it starts).</summary>
    public GatewayFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public virtual async Task InitializeAsync()
    {
        redis = (await TestServers.GetAsync()).Redis;
        stub = await StubService.AddressAsync();
        UseKestrel(0);
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>Where the gateway listens (a free loopback port).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A client with a token for the role (and organisation, for focal points).</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Address });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient Anonymous() => ClientWith(null);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        if (Logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }

        builder.UseSetting("ConnectionStrings:cache", redis);
        foreach (var cluster in Clusters.Append(WebCluster))
        {
            builder.UseSetting($"ReverseProxy:Clusters:{cluster}:Destinations:{cluster}:Address", stub);
        }

        builder.UseSetting("Gateway:RateLimits:KeyPrefix", KeyPrefix);
        foreach (var (key, value) in TestTokens.Settings().Concat(settings))
        {
            builder.UseSetting(key, value);
        }
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
