using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Iom.AppHost;

/// <summary>
/// Local mode: Debian's postgres, rabbitmq-server and redis-server started by the AppHost as executables on
/// loopback, on their own ports (never the defaults, so a server already running is not disturbed), data under
/// an ignored folder, each health-checked and with its log in the dashboard.
/// </summary>
internal static class LocalInfrastructure
{
    public static SuiteInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Infrastructure:Local");
        var data = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, settings["DataDirectory"] ?? "../.data/local"));
        var scripts = Path.Combine(builder.AppHostDirectory, "local");
        var pgPort = settings.GetValue("PostgresPort", 54329);
        var pgPassword = settings["PostgresPassword"] ?? "iom-local-dev";
        var rabbitPort = settings.GetValue("RabbitMqPort", 56729);
        var redisPort = settings.GetValue("RedisPort", 63799);

        var postgresHealth = $"Host=127.0.0.1;Port={pgPort};Username=postgres;Password={pgPassword};Database=postgres;Timeout=3";
        var brokerConnection = $"amqp://guest:guest@127.0.0.1:{rabbitPort}";
        var cacheConnection = $"127.0.0.1:{redisPort}";

        builder.Services.AddHealthChecks()
            .AddNpgSql(postgresHealth, name: "local-postgres")
            .AddRedis($"{cacheConnection},abortConnect=false,connectTimeout=2000", name: "local-redis")
            .AddAsyncCheck("local-rabbitmq", ct => BrokerAnswersAsync(brokerConnection, ct));

        var postgres = builder.AddExecutable("postgres", "bash", scripts, Path.Combine(scripts, "postgres.sh"), Path.Combine(data, "postgres"), pgPort.ToString(System.Globalization.CultureInfo.InvariantCulture), pgPassword)
            .WithEndpoint(name: "tcp", port: pgPort, targetPort: pgPort, scheme: "tcp", isProxied: false)
            .WithHealthCheck("local-postgres");
        var rabbitmq = builder.AddExecutable("rabbitmq", "bash", scripts, Path.Combine(scripts, "rabbitmq.sh"), Path.Combine(data, "rabbitmq"), rabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEndpoint(name: "amqp", port: rabbitPort, targetPort: rabbitPort, scheme: "tcp", isProxied: false)
            .WithHealthCheck("local-rabbitmq");
        var redis = builder.AddExecutable("redis", "bash", scripts, Path.Combine(scripts, "redis.sh"), Path.Combine(data, "redis"), redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEndpoint(name: "tcp", port: redisPort, targetPort: redisPort, scheme: "tcp", isProxied: false)
            .WithHealthCheck("local-redis");

        var databases = new Dictionary<string, Dependency>();
        return new SuiteInfrastructure(
            "local",
            name =>
            {
                if (!databases.TryGetValue(name, out var db))
                {
                    var connection = builder.AddConnectionString(name, ReferenceExpression.Create(
                        $"Host=127.0.0.1;Port={pgPort.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username=postgres;Password={pgPassword};Database={name}"));
                    databases[name] = db = new Dependency(connection, postgres.Resource);
                }

                return db;
            },
            new Dependency(builder.AddConnectionString("messaging", ReferenceExpression.Create($"{brokerConnection}")), rabbitmq.Resource),
            new Dependency(builder.AddConnectionString("cache", ReferenceExpression.Create($"{cacheConnection}")), redis.Resource));
    }

    internal static async Task<HealthCheckResult> BrokerAnswersAsync(string uri, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(uri), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The broker closed the connection.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The broker does not answer yet.", ex);
        }
    }
}
