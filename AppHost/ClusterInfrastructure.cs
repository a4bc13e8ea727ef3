using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Iom.AppHost.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.AppHost;

/// <summary>
/// Cluster mode: the distributed servers production runs, from Debian's packages on loopback — a 3-node RabbitMQ
/// cluster (quorum queues), a PostgreSQL primary with a streaming standby (multi-host connection strings that follow
/// the primary), a Redis primary and replica watched by three Sentinels — and two replicas of every service and of the
/// gateway. Every node is a resource of its own in the dashboard, with its log. See docs/adr/0002 and the README.
/// </summary>
internal static class ClusterInfrastructure
{
    public static SuiteInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Infrastructure:Cluster");
        var data = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, settings["DataDirectory"] ?? "../.data/cluster"));
        var scripts = Path.Combine(builder.AppHostDirectory, "cluster");
        var pgPorts = new[] { settings.GetValue("PostgresPort", 54339), settings.GetValue("PostgresStandbyPort", 54340) };
        var pgPassword = settings["PostgresPassword"] ?? "iom-cluster-dev";
        var rabbitPorts = Enumerable.Range(0, 3).Select(i => settings.GetValue("RabbitMqPort", 56739) + (10 * i)).ToArray();
        var epmdPort = rabbitPorts[0] + 30;
        var cookie = settings["ErlangCookie"] ?? "iom-cluster-local-development-cookie";
        var redisPort = settings.GetValue("RedisPort", 63809);
        var sentinelPorts = Enumerable.Range(2, 3).Select(i => redisPort + i).ToArray();
        static string S(int port) => port.ToString(CultureInfo.InvariantCulture);

        // PostgreSQL: the primary, then the standby cloned from it.
        var primary = Node(builder, "postgres-primary", scripts, "postgres-node.sh", pgPorts[0], ["primary", Path.Combine(data, "postgres-1"), S(pgPorts[0]), pgPassword],
            $"Host=127.0.0.1;Port={S(pgPorts[0])};Username=postgres;Password={pgPassword};Database=postgres;Timeout=3");
        var standby = Node(builder, "postgres-standby", scripts, "postgres-node.sh", pgPorts[1], ["standby", Path.Combine(data, "postgres-2"), S(pgPorts[1]), pgPassword, S(pgPorts[0])],
            $"Host=127.0.0.1;Port={S(pgPorts[1])};Username=postgres;Password={pgPassword};Database=postgres;Timeout=3").WaitFor(primary);

        // RabbitMQ: node 1 first; node 2, then node 3, join its cluster the first time they start.
        var seed = $"iom-{S(rabbitPorts[0])}@localhost";
        var rabbits = new List<IResourceBuilder<ExecutableResource>>();
        for (var i = 0; i < 3; i++)
        {
            var args = new List<string> { Path.Combine(data, $"rabbitmq-{i + 1}"), S(rabbitPorts[i]), S(epmdPort), cookie };
            if (i > 0)
            {
                args.Add(seed);
            }

            // Nodes 2 and 3 are healthy once they answer AMQP and have joined node 1's cluster (the script's "joined" file):
            // a node that answered alone would take clients into a cluster of its own.
            var joined = i > 0 ? Path.Combine(data, $"rabbitmq-{i + 1}", "joined") : null;
            var node = Node(builder, $"rabbitmq-{i + 1}", scripts, "rabbitmq-node.sh", rabbitPorts[i], [.. args], null, $"amqp://guest:guest@127.0.0.1:{S(rabbitPorts[i])}", joined: joined);
            rabbits.Add(i == 0 ? node : node.WaitFor(rabbits[i - 1]));
        }

        // Redis: primary, replica, three Sentinels.
        var redisPrimary = Node(builder, "redis-primary", scripts, "redis-node.sh", redisPort, ["primary", Path.Combine(data, "redis-1"), S(redisPort)], null, null, $"127.0.0.1:{S(redisPort)}");
        var redisReplica = Node(builder, "redis-replica", scripts, "redis-node.sh", redisPort + 1, ["replica", Path.Combine(data, "redis-2"), S(redisPort + 1), S(redisPort)], null, null, $"127.0.0.1:{S(redisPort + 1)}").WaitFor(redisPrimary);
        var sentinels = sentinelPorts.Select((port, i) => Node(builder, $"redis-sentinel-{i + 1}", scripts, "redis-node.sh", port, ["sentinel", Path.Combine(data, $"sentinel-{i + 1}"), S(port), S(redisPort)], null, null, null, port).WaitFor(redisPrimary)).ToList();

        var hosts = string.Join(',', pgPorts.Select(p => $"127.0.0.1:{S(p)}"));
        var databases = new Dictionary<string, Dependency>();
        var nodes = string.Join(',', rabbitPorts.Select(p => $"127.0.0.1:{S(p)}"));
        var sentinelList = string.Join(',', sentinelPorts.Select(p => $"127.0.0.1:{S(p)}"));
        return new SuiteInfrastructure(
            "cluster",
            name =>
            {
                if (!databases.TryGetValue(name, out var db))
                {
                    var connection = builder.AddConnectionString(name, ReferenceExpression.Create(
                        $"Host={hosts};Username=postgres;Password={pgPassword};Database={name};Target Session Attributes=primary;Timeout=5"));
                    databases[name] = db = new Dependency(connection, primary.Resource);
                }

                return db;
            },
            // Services wait for the last node (each node waits for the one before it to have joined): a quorum queue is
            // declared on the nodes of the cluster at that moment, so the first service must not declare it on node 1 alone.
            new Dependency(builder.AddConnectionString("messaging", ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{S(rabbitPorts[0])}")), rabbits[^1].Resource),
            new Dependency(builder.AddConnectionString("cache", ReferenceExpression.Create($"{sentinelList},serviceName=iom,abortConnect=false")), sentinels[0].Resource),
            // Two replicas of every service (and of the gateway, unless Gateway:Replicas says otherwise); one to measure
            // what the second replica costs or gives (bench/NodeLoss --scale).
            Replicas: Math.Max(1, settings.GetValue("Replicas", 2)),
            Environment: new Dictionary<string, string>
            {
                ["Messaging__Broker__Nodes"] = nodes,
                ["Messaging__Broker__QuorumQueues"] = "true",
            });
    }

    /// <summary>One server process of the cluster, with its port, its health check and its log in the dashboard.</summary>
    private static IResourceBuilder<ExecutableResource> Node(
        IDistributedApplicationBuilder builder, string name, string scripts, string script, int port, string[] args,
        string? postgres, string? amqp = null, string? redis = null, int? sentinel = null, string? joined = null)
    {
        var check = $"cluster-{name}";
        var health = builder.Services.AddHealthChecks();
        if (postgres is not null)
        {
            health.AddNpgSql(postgres, name: check);
        }
        else if (amqp is not null)
        {
            health.AddAsyncCheck(check, async ct => joined is not null && !File.Exists(joined)
                ? HealthCheckResult.Unhealthy("The node has not joined the cluster yet.")
                : await LocalInfrastructure.BrokerAnswersAsync(amqp, ct));
        }
        else if (redis is not null)
        {
            health.AddRedis($"{redis},abortConnect=false,connectTimeout=2000", name: check);
        }
        else
        {
            // A Sentinel is not a data server: the Redis client's health check (a data connection) never succeeds on it.
            health.AddAsyncCheck(check, ct => SentinelAnswersAsync(sentinel!.Value, ct));
        }

        var node = builder.AddExecutable(name, "bash", scripts, [Path.Combine(scripts, script), .. args])
            .WithEndpoint(name: "tcp", port: port, targetPort: port, scheme: "tcp", isProxied: false)
            .WithHealthCheck(check);

        // A crashed RabbitMQ node rejoins its cluster and a Redis node or Sentinel takes the role the Sentinels give it:
        // both may come back by themselves. A PostgreSQL node may not (see CrashRestarts).
        return postgres is null ? node.WithRestartOnCrash() : node;
    }

    /// <summary>PING on the Sentinel's port: "+PONG" once it runs.</summary>
    private static async Task<HealthCheckResult> SentinelAnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The Sentinel did not answer PING.");
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The Sentinel does not answer yet.", ex);
        }
    }
}
