using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace Iom.Bench.NodeLoss;

/// <summary>The ports of one cluster-mode run, all derived from one base port (see README, cluster mode).</summary>
internal sealed record ClusterPorts(int Base)
{
    public int Dashboard => Base;

    public int Gateway => Base + 40;

    public int[] Postgres => [Base + 239, Base + 240];

    /// <summary>The three RabbitMQ nodes' AMQP ports (each also uses the next port for distribution; epmd on the first + 30).</summary>
    public int[] RabbitMq => [Base + 639, Base + 649, Base + 659];

    public int RedisPrimary => Base + 709;

    public int RedisReplica => Base + 710;

    public int[] Sentinels => [Base + 711, Base + 712, Base + 713];

    public IEnumerable<int> All =>
        new[] { Dashboard, Dashboard + 1, Dashboard + 2, Gateway, RedisPrimary, RedisReplica, RabbitMq[0] + 30 }
            .Concat(Postgres).Concat(RabbitMq).Concat(RabbitMq.Select(p => p + 1)).Concat(Sentinels);
}

/// <summary>
/// The suite in cluster mode, as the README starts it (the AppHost with --Infrastructure:Mode=cluster), in a process
/// group of its own: three RabbitMQ nodes, a PostgreSQL primary and standby, a Redis primary, replica and three
/// Sentinels, two replicas of every service and of the gateway. Finds the process behind a node (by its port) or a
/// replica (by its assembly and this run's broker port in its environment) so a scenario can kill it.
/// </summary>
internal sealed class Cluster(ClusterPorts ports, string data, bool keep, int replicas = 2, bool demo = false) : IAsyncDisposable
{
    public const string PostgresPassword = "iom-cluster-dev";
    public const string SigningKey = "iom-local-development-signing-key-not-for-production";

    private Process? appHost;

    public ClusterPorts Ports { get; } = ports;

    public string Log => Path.Combine(data, "apphost.log");

    public Uri Gateway => new($"http://127.0.0.1:{Ports.Gateway.ToString(CultureInfo.InvariantCulture)}");

    public static string RepositoryRoot =>
        typeof(Cluster).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>A connection to <paramref name="database"/> on whichever PostgreSQL node is the primary now.</summary>
    public string Database(string database) =>
        $"Host={string.Join(',', Ports.Postgres.Select(p => $"127.0.0.1:{p}"))};Username=postgres;Password={PostgresPassword};Database={database};" +
        "Target Session Attributes=primary;Timeout=3;Command Timeout=10;Application Name=node-loss";

    public void Start()
    {
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string S(int port) => port.ToString(CultureInfo.InvariantCulture);
        foreach (var arg in new[]
        {
            "dotnet", "run", "--project", "AppHost", "--no-build", "--no-launch-profile", "--",
            "--Infrastructure:Mode=cluster",
            $"--Infrastructure:Cluster:DataDirectory={Path.Combine(data, "servers")}",
            $"--Infrastructure:Cluster:PostgresPort={S(Ports.Postgres[0])}",
            $"--Infrastructure:Cluster:PostgresStandbyPort={S(Ports.Postgres[1])}",
            $"--Infrastructure:Cluster:PostgresPassword={PostgresPassword}",
            $"--Infrastructure:Cluster:RabbitMqPort={S(Ports.RabbitMq[0])}",
            $"--Infrastructure:Cluster:RedisPort={S(Ports.RedisPrimary)}",
            $"--Gateway:Port={S(Ports.Gateway)}",
            $"--Auth:SigningKey={SigningKey}",
            $"--Infrastructure:Cluster:Replicas={S(replicas)}",
            $"--Demo:Enabled={(demo ? "true" : "false")}",
            // One caller sends the whole stream (one feed key reads the whole feed load): the per-caller limit (600 a
            // minute) and the per-key limit (120) would refuse most of it.
            "--Gateway:Settings:RateLimits:PerCaller:PermitLimit=1000000",
            "--Gateway:Settings:RateLimits:FeedKey:PermitLimit=1000000",
            // The services' 1 s budget to connect to PostgreSQL is for a quick 503 when a server is frozen; 26 processes on
            // this shared 2-core machine (load averages of 40-100 were measured) fork a PostgreSQL backend slower than that
            // (the end-to-end tests' fixture widens it for the same reason). A killed node refuses connections at once
            // whatever the budget, which is what this command measures.
            "--Services:Settings:Dependencies:ConnectTimeout=00:00:10",
            "--Services:Settings:Dependencies:CacheTimeout=00:00:05",
            "--Services:Settings:Dependencies:CommandTimeout=00:00:30",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{S(Ports.Dashboard)}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{S(Ports.Dashboard + 1)}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{S(Ports.Dashboard + 2)}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPIRE_DEVELOPER_CERTIFICATE_DEFAULT_TRUST"] = "false";
        appHost = Process.Start(start) ?? throw new InvalidOperationException("The AppHost did not start.");
        var log = new StreamWriter(Log) { AutoFlush = true };
        appHost.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        appHost.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
    }

    /// <summary>Waits until the gateway answers /health with 200 and every replica of every service runs.</summary>
    public async Task WaitReadyAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Await.UntilAsync($"the gateway healthy, {replicas} replica(s) of every service running and RabbitMQ nodes 2 and 3 in node 1's cluster", deadline, async ct =>
        {
            if (appHost is { HasExited: true })
            {
                throw new InvalidOperationException($"The AppHost exited ({appHost.ExitCode}); see {Log}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Gateway, "/health"), ct);
                return response.IsSuccessStatusCode && Replicas.All(name => ReplicaProcesses(name).Count >= replicas)
                    && new[] { 2, 3 }.All(n => File.Exists(Path.Combine(data, "servers", $"rabbitmq-{n}", "joined")));
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }, cancellationToken);
    }

    public static readonly string[] Replicas = ["Iom.Registry", "Iom.Consultations", "Iom.Campaign", "Iom.Media", "Iom.Gateway"];

    /// <summary>The process listening on <paramref name="port"/> (a server node), or null.</summary>
    public static int? ListenerOf(int port)
    {
        var ss = Process.Start(new ProcessStartInfo("ss", ["-Hltnp", $"sport = :{port.ToString(CultureInfo.InvariantCulture)}"]) { RedirectStandardOutput = true })!;
        var output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        var match = Regex.Match(output, @"pid=(\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The running processes of <paramref name="assembly"/> that belong to this run (its first Sentinel's port in their environment).</summary>
    public List<int> ReplicaProcesses(string assembly)
    {
        var mark = $"127.0.0.1:{Ports.Sentinels[0].ToString(CultureInfo.InvariantCulture)}";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (!commandLine.Any(a => a.EndsWith($"/{assembly}", StringComparison.Ordinal) || a.EndsWith($"/{assembly}.dll", StringComparison.Ordinal)))
                {
                    continue;
                }

                if (File.ReadAllText(Path.Combine(dir, "environ")).Contains(mark, StringComparison.Ordinal)
                    && !File.ReadAllText(Path.Combine(dir, "stat")).Split(')')[^1].TrimStart().StartsWith('Z'))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was read.
            }
        }

        return found;
    }

    public static void Kill(int pid) => Process.GetProcessById(pid).Kill(entireProcessTree: false);

    /// <summary>Whether <paramref name="port"/>'s PostgreSQL node is a primary (false: a standby, null: it does not answer).</summary>
    public static async Task<bool?> IsPrimaryAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(
                $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Password={PostgresPassword};Database=postgres;Timeout=2;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT NOT pg_is_in_recovery()", connection);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Promotes the standby on <paramref name="port"/> (what an operator, or CloudNativePG, does when the primary is lost).</summary>
    public static async Task PromoteAsync(int port, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(
            $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Password={PostgresPassword};Database=postgres;Timeout=5;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_promote(wait => true, wait_seconds => 30)", connection);
        if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            throw new InvalidOperationException($"The standby on port {port} was not promoted within 30 s.");
        }
    }

    /// <summary>Asks a Sentinel which port the Redis primary has now.</summary>
    public async Task<int?> RedisPrimaryAsync(CancellationToken cancellationToken)
    {
        foreach (var sentinel in Ports.Sentinels)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await client.ConnectAsync("127.0.0.1", sentinel, timeout.Token);
                var stream = client.GetStream();
                await stream.WriteAsync("SENTINEL get-master-addr-by-name iom\r\n"u8.ToArray(), timeout.Token);
                var buffer = new byte[256];
                var read = await stream.ReadAsync(buffer, timeout.Token);
                var lines = System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n");
                // *2, $9, 127.0.0.1, $5, PORT
                if (lines.Length >= 5 && int.TryParse(lines[4], out var port))
                {
                    return port;
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException or IOException)
            {
                // Ask the next Sentinel.
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (appHost is null || appHost.HasExited)
        {
            return;
        }

        if (keep)
        {
            Console.WriteLine($"node-loss: --keep: the suite keeps running (AppHost pid {appHost.Id}, dashboard http://localhost:{Ports.Dashboard}, data {data})");
            return;
        }

        // SIGTERM to the AppHost: it stops every resource it started (servers, services) before it exits.
        _ = Process.Start("kill", ["-TERM", appHost.Id.ToString(CultureInfo.InvariantCulture)]);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await appHost.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            appHost.Kill(entireProcessTree: true);
        }

        // What is still listening on this run's ports was started by this run: end it by its id.
        foreach (var port in Ports.All)
        {
            if (ListenerOf(port) is { } pid)
            {
                try
                {
                    Kill(pid);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    // Gone already.
                }
            }
        }
    }
}

internal static class Await
{
    public static async Task<TimeSpan> UntilAsync(string what, TimeSpan deadline, Func<CancellationToken, Task<bool>> condition, CancellationToken cancellationToken, TimeSpan? interval = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition(cancellationToken))
        {
            if (watch.Elapsed > deadline)
            {
                throw new TimeoutException($"Waited {deadline.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        return watch.Elapsed;
    }
}
