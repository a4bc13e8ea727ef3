using System.Diagnostics;

namespace Iom.Bench.NodeLoss;

/// <summary>
/// One node lost mid-stream: <see cref="KillAsync"/> kills it (kill -9) and returns what it did;
/// <see cref="BackAsync"/> is true once the cluster is whole again (the node restarted by the AppHost, a replica started
/// again, a new Redis primary elected, the standby promoted).
/// </summary>
internal sealed record Scenario(string Name, string Description, Func<Cluster, Fault, CancellationToken, Task<string>> KillAsync, Func<Cluster, Fault, CancellationToken, Task<bool>> BackAsync)
{
    private static readonly Dictionary<string, string> ReplicaNames = new(StringComparer.Ordinal)
    {
        ["registry"] = "Iom.Registry", ["consultations"] = "Iom.Consultations", ["campaign"] = "Iom.Campaign", ["media"] = "Iom.Media", ["gateway"] = "Iom.Gateway",
    };

    /// <summary>In this order: the PostgreSQL failover last, since the old primary is not rebuilt as a standby.</summary>
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("rabbitmq-node", "kill -9 RabbitMQ node 1 (the first node every service knows); the AppHost starts it again and it rejoins", RabbitKillAsync, RabbitBackAsync),
        new("redis-primary", "kill -9 the Redis primary; the Sentinels elect the replica; the old primary comes back as a replica", RedisKillAsync, RedisBackAsync),
        .. ReplicaNames.Keys.Select(service => new Scenario($"{service}-replica", $"kill -9 one of the two {service} replicas; the AppHost starts it again",
            (cluster, fault, _) => ReplicaKillAsync(cluster, fault, ReplicaNames[service]), (cluster, fault, _) => Task.FromResult(cluster.ReplicaProcesses(ReplicaNames[service]) is var running && running.Count >= 2 && !running.Contains(fault.Pid)))),
        new("postgres-primary", "kill -9 the PostgreSQL primary, then promote the standby (pg_promote); services follow the new primary", PostgresKillAsync, PostgresBackAsync),
    ];

    private static Task<string> RabbitKillAsync(Cluster cluster, Fault fault, CancellationToken cancellationToken)
    {
        var port = cluster.Ports.RabbitMq[0];
        var pid = Cluster.ListenerOf(port) ?? throw new InvalidOperationException($"Nothing listens on RabbitMQ port {port}.");
        Cluster.Kill(pid);
        fault.Port = port;
        fault.Pid = pid;
        return Task.FromResult($"killed RabbitMQ node 1 (pid {pid})");
    }

    private static Task<bool> RabbitBackAsync(Cluster cluster, Fault fault, CancellationToken cancellationToken) =>
        Task.FromResult(Cluster.ListenerOf(fault.Port) is { } pid && pid != fault.Pid);

    private static async Task<string> RedisKillAsync(Cluster cluster, Fault fault, CancellationToken cancellationToken)
    {
        var port = await cluster.RedisPrimaryAsync(cancellationToken) ?? throw new InvalidOperationException("No Sentinel names a Redis primary.");
        var pid = Cluster.ListenerOf(port) ?? throw new InvalidOperationException($"Nothing listens on Redis port {port}.");
        Cluster.Kill(pid);
        fault.Port = port;
        fault.Pid = pid;
        return $"killed the Redis primary on {port} (pid {pid})";
    }

    private static async Task<bool> RedisBackAsync(Cluster cluster, Fault fault, CancellationToken cancellationToken) =>
        await cluster.RedisPrimaryAsync(cancellationToken) is { } primary && primary != fault.Port && Cluster.ListenerOf(fault.Port) is { } pid && pid != fault.Pid;

    private static Task<string> ReplicaKillAsync(Cluster cluster, Fault fault, string assembly)
    {
        var replicas = cluster.ReplicaProcesses(assembly);
        if (replicas.Count < 2)
        {
            throw new InvalidOperationException($"{assembly}: {replicas.Count} replica(s) running, not 2.");
        }

        Cluster.Kill(replicas[0]);
        fault.Pid = replicas[0];
        return Task.FromResult($"killed {assembly} pid {replicas[0]} of {string.Join(", ", replicas)}");
    }

    private static async Task<string> PostgresKillAsync(Cluster cluster, Fault fault, CancellationToken cancellationToken)
    {
        var ports = cluster.Ports.Postgres;
        var primary = await Cluster.IsPrimaryAsync(ports[0], cancellationToken) == true ? ports[0] : ports[1];
        var standby = primary == ports[0] ? ports[1] : ports[0];
        var pid = Cluster.ListenerOf(primary) ?? throw new InvalidOperationException($"Nothing listens on PostgreSQL port {primary}.");
        Cluster.Kill(pid);
        var watch = Stopwatch.StartNew();
        await Await.UntilAsync("the killed primary to stop answering", TimeSpan.FromSeconds(10), ct => Task.FromResult(Cluster.ListenerOf(primary) is null), cancellationToken);
        await Cluster.PromoteAsync(standby, cancellationToken);
        fault.Port = standby;
        return $"killed the PostgreSQL primary on {primary} (pid {pid}), promoted the standby on {standby} in {watch.Elapsed.TotalSeconds:0.0} s";
    }

    private static async Task<bool> PostgresBackAsync(Cluster cluster, Fault fault, CancellationToken cancellationToken) =>
        await Cluster.IsPrimaryAsync(fault.Port, cancellationToken) == true;
}

/// <summary>What a scenario's kill found out, for its "back" check.</summary>
internal sealed class Fault
{
    public int Port { get; set; }

    /// <summary>The process killed: "back" means another process, since a killed one lingers until it is reaped.</summary>
    public int Pid { get; set; }
}
