using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Iom.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Iom.TestSupport;

/// <summary>
/// One service hosted in the test process against the real servers: a database of its own, a broker virtual host
/// of its own (so no other test class publishes to it or takes its messages: assertions on what arrived are exact),
/// queues with a prefix of its own, the test signing key. Hosts that must meet share a broker (<see cref="ShareBrokerWith"/>).
/// </summary>
public abstract class ServiceFactory<TProgram>(string databaseConnectionName) : WebApplicationFactory<TProgram>, IAsyncLifetime, ITestHost
    where TProgram : class
{
    private readonly Dictionary<string, string?> extraSettings = [];
    private Func<ServerConnections>? sharedBroker;

    public ServerConnections Servers { get; private set; } = null!;

    public string DatabaseConnection { get; private set; } = null!;

    public string QueuePrefix { get; } = $"t{Guid.NewGuid():N}"[..12];

    /// <summary>What the host logged, when <see cref="RunIn"/> asked for it.</summary>
    public CapturedLogs? StartupLogs { get; private set; }

    private string environment = DevelopmentOnly.TestingEnvironment;

    /// <summary>Runs the host in another environment (e.g. "Production") and keeps its logs (call before first use).</summary>
    protected void RunIn(string environmentName)
    {
        environment = environmentName;
        StartupLogs = new CapturedLogs();
    }

    /// <summary>Adds a setting before the host starts (call from the derived constructor or before first use).</summary>
    protected void Set(string key, string? value) => extraSettings[key] = value;

    /// <summary>
    /// Puts this host on <paramref name="other"/>'s broker virtual host (a cross-service test: one publishes what the other
    /// consumes). Call before either starts; <paramref name="other"/> must be initialised first and disposed last.
    /// </summary>
    public void ShareBrokerWith(ITestHost other) => sharedBroker = () => other.Servers;

    public virtual async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        Servers = sharedBroker is { } shared
            ? servers with { RabbitMq = shared().RabbitMq }
            : await BrokerNamespace.CreateAsync(servers, QueuePrefix);
        DatabaseConnection = TestDatabase.NewConnectionString(Servers.Postgres, databaseConnectionName.Replace("db", string.Empty, StringComparison.Ordinal));
        _ = Server; // starts the host: migrations run, the bus connects
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        if (StartupLogs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }

        builder.UseSetting($"ConnectionStrings:{databaseConnectionName}", DatabaseConnection);
        builder.UseSetting("ConnectionStrings:messaging", Servers.RabbitMq);
        builder.UseSetting("ConnectionStrings:cache", Servers.Redis);
        builder.UseSetting("Messaging:QueuePrefix", QueuePrefix);
        builder.UseSetting("Messaging:TemporaryQueues", "true");
        builder.UseSetting("Cache:Prefix", QueuePrefix);
        builder.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.500");
        foreach (var (key, value) in TestTokens.Settings().Concat(extraSettings))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client with a token for the role (and organisation, for focal points).</summary>
    public HttpClient ClientFor(string role, Guid? organization = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(role, organization));
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.DropAsync(DatabaseConnection);
        if (sharedBroker is null && Servers is not null)
        {
            await BrokerNamespace.DeleteAsync(Servers);
        }
    }
}

/// <summary>A test host on the real servers; <see cref="Servers"/> carries its own broker virtual host.</summary>
public interface ITestHost
{
    ServerConnections Servers { get; }
}

/// <summary>A service host in the Production environment with the given settings on top of the test ones, logs kept.</summary>
public sealed class ProductionServiceFactory<TProgram> : ServiceFactory<TProgram>
    where TProgram : class
{
    public ProductionServiceFactory(string databaseConnectionName, IEnumerable<KeyValuePair<string, string?>> settings)
        : base(databaseConnectionName)
    {
        RunIn("Production");
        foreach (var (key, value) in settings)
        {
            Set(key, value);
        }
    }
}
