using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Npgsql;
using RabbitMQ.Client;

namespace Iom.Bench.Chaos;

internal sealed record Ports(int Postgres, int RabbitMq, int Redis, int FirstService)
{
    /// <summary>Ports that are free now (each with the two after it, for RabbitMQ's distribution and epmd ports), below the ephemeral range.</summary>
    public static Ports Free()
    {
        var taken = new List<int>();
        int Next(int span)
        {
            while (true)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (!taken.Any(p => Math.Abs(p - port) < span + 3) && Enumerable.Range(port, span).All(IsFree))
                {
                    taken.Add(port);
                    return port;
                }
            }
        }

        return new Ports(Next(3), Next(3), Next(3), Next(4));
    }

    /// <summary>The ports of this set that something already listens on (RabbitMQ's two extra ports included).</summary>
    public List<int> Taken() =>
        new[] { Postgres, RabbitMq, RabbitMq + 1, RabbitMq + 2, Redis, FirstService, FirstService + 1, FirstService + 2, FirstService + 3 }.Where(p => !IsFree(p)).ToList();

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>One of the four services, run as its built DLL.</summary>
internal sealed record ServiceSpec(string Name, string Database, int Port)
{
    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");
}

/// <summary>
/// The servers (Debian's PostgreSQL, RabbitMQ and Redis through AppHost/local/*.sh, as scripts/test-servers.sh starts
/// them) on ports of the command's own and a fresh temporary folder, and the four services as separate processes
/// configured like the AppHost configures them (ConnectionStrings:{db,messaging,cache}, the development signing key).
/// </summary>
internal sealed class Suite : IAsyncDisposable
{
    public const string PostgresPassword = "iom-chaos";
    public const string SigningKey = "iom-local-development-signing-key-not-for-production";

    private readonly string root;
    private readonly string data;
    private readonly bool keep;

    public Suite(Ports ports, bool keep)
    {
        Ports = ports;
        this.keep = keep;
        root = RepositoryRoot();
        data = Directory.CreateTempSubdirectory("iom-chaos-").FullName;
        // The servers run as their own users (postgres, rabbitmq) and must be able to reach the folder.
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        Logs = Path.Combine(data, "logs");
        Directory.CreateDirectory(Logs);
        File.SetUnixFileMode(Logs, (UnixFileMode)0b111_101_101);

        var scripts = Path.Combine(root, "AppHost", "local");
        var none = new Dictionary<string, string>();
        Postgres = new GroupProcess("postgres", Path.Combine(Logs, "postgres.log"), scripts,
            ["bash", Path.Combine(scripts, "postgres.sh"), Path.Combine(data, "postgres"), ports.Postgres.ToString(CultureInfo.InvariantCulture), PostgresPassword], none);
        RabbitMq = new GroupProcess("rabbitmq", Path.Combine(Logs, "rabbitmq.log"), scripts,
            ["bash", Path.Combine(scripts, "rabbitmq.sh"), Path.Combine(data, "rabbitmq"), ports.RabbitMq.ToString(CultureInfo.InvariantCulture)], none);
        Redis = new GroupProcess("redis", Path.Combine(Logs, "redis.log"), scripts,
            ["bash", Path.Combine(scripts, "redis.sh"), Path.Combine(data, "redis"), ports.Redis.ToString(CultureInfo.InvariantCulture)], none);

        Specs =
        [
            new ServiceSpec("registry", "registrydb", ports.FirstService),
            new ServiceSpec("consultations", "consultationsdb", ports.FirstService + 1),
            new ServiceSpec("campaign", "campaigndb", ports.FirstService + 2),
            new ServiceSpec("media", "mediadb", ports.FirstService + 3),
        ];
        var configuration = typeof(Suite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";
        foreach (var spec in Specs)
        {
            var project = char.ToUpperInvariant(spec.Name[0]) + spec.Name[1..];
            var bin = Path.Combine(root, "services", project, "bin", configuration, "net10.0");
            var dll = Path.Combine(bin, $"Iom.{project}.dll");
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException($"{dll} is not built (dotnet build -c {configuration} bench/Chaos builds it).", dll);
            }

            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = spec.BaseAddress.ToString().TrimEnd('/'),
                ["DOTNET_ENVIRONMENT"] = "Development",
                [$"ConnectionStrings__{spec.Database}"] = DatabaseConnection(spec.Database),
                ["ConnectionStrings__messaging"] = BrokerConnection,
                ["ConnectionStrings__cache"] = CacheConnection,
                ["Auth__Issuer"] = "iom-dev",
                ["Auth__Audience"] = "iom-api",
                ["Auth__SigningKey"] = SigningKey,
                ["Demo__Enabled"] = "false",
            };
            Services[spec.Name] = new GroupProcess(spec.Name, Path.Combine(Logs, $"{spec.Name}.log"), bin, ["dotnet", dll], environment);
        }
    }

    public Ports Ports { get; }

    public string Logs { get; }

    public GroupProcess Postgres { get; }

    public GroupProcess RabbitMq { get; }

    public GroupProcess Redis { get; }

    public IReadOnlyList<ServiceSpec> Specs { get; }

    public Dictionary<string, GroupProcess> Services { get; } = new(StringComparer.Ordinal);

    public string BrokerConnection => $"amqp://guest:guest@127.0.0.1:{Ports.RabbitMq.ToString(CultureInfo.InvariantCulture)}";

    public string CacheConnection => $"127.0.0.1:{Ports.Redis.ToString(CultureInfo.InvariantCulture)}";

    public string DatabaseConnection(string database) =>
        $"Host=127.0.0.1;Port={Ports.Postgres.ToString(CultureInfo.InvariantCulture)};Username=postgres;Password={PostgresPassword};Database={database}";

    /// <summary>The command's own look at a database: short timeouts, so a poll during an outage fails fast.</summary>
    public string ObserverConnection(string database) => DatabaseConnection(database) + ";Timeout=2;Command Timeout=5;Cancellation Timeout=500;Application Name=chaos";

    public async Task StartServersAsync()
    {
        Postgres.Start();
        RabbitMq.Start();
        Redis.Start();
        await Task.WhenAll(
            ReadyAsync(Postgres, TimeSpan.FromSeconds(90)),
            ReadyAsync(RabbitMq, TimeSpan.FromSeconds(90)),
            ReadyAsync(Redis, TimeSpan.FromSeconds(90)));
    }

    public async Task StartServicesAsync()
    {
        foreach (var service in Services.Values)
        {
            service.Start();
        }

        await Task.WhenAll(Services.Values.Select(s => ReadyAsync(s, TimeSpan.FromSeconds(180), healthy: true)));
    }

    /// <summary>Waits until the process answers: a login for PostgreSQL, an AMQP connection, a PING, /alive (or /health) for a service.</summary>
    public async Task<TimeSpan> ReadyAsync(GroupProcess process, TimeSpan deadline, bool healthy = false)
    {
        try
        {
            return await Await.UntilAsync($"{process.Name} ready", deadline, ct => AnswersAsync(process, healthy, ct), TimeSpan.FromMilliseconds(50));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n--- last lines of {process.Log}:\n{process.Tail(25)}", ex);
        }
    }

    private async Task<bool> AnswersAsync(GroupProcess process, bool healthy, CancellationToken cancellationToken)
    {
        if (!process.Running)
        {
            throw new InvalidOperationException($"{process.Name} exited.");
        }

        if (process == Postgres)
        {
            await using var connection = new NpgsqlConnection(DatabaseConnection("postgres") + ";Pooling=false;Timeout=2");
            await connection.OpenAsync(cancellationToken);
            return true;
        }

        if (process == RabbitMq)
        {
            if (!await Await.ListeningAsync(Ports.RabbitMq, cancellationToken))
            {
                return false;
            }

            var factory = new ConnectionFactory { Uri = new Uri(BrokerConnection), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen;
        }

        if (process == Redis)
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Ports.Redis, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }

        var spec = Specs.Single(s => s.Name == process.Name);
        using var http = new HttpClient { BaseAddress = spec.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
        using var response = await http.GetAsync(healthy ? "/health" : "/alive", cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services.Values)
        {
            await service.StopAsync(TimeSpan.FromSeconds(10));
        }

        await Redis.StopAsync(TimeSpan.FromSeconds(5));
        await RabbitMq.StopAsync(TimeSpan.FromSeconds(20));
        await Postgres.StopAsync(TimeSpan.FromSeconds(20));
        // Erlang's epmd outlives the broker unless told to stop (as scripts/test-servers.sh does).
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("epmd") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-port");
            start.ArgumentList.Add((Ports.RabbitMq + 2).ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add("-kill");
            using var epmd = System.Diagnostics.Process.Start(start)!;
            await epmd.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
        }

        if (!keep)
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
        else
        {
            Console.WriteLine($"data and logs kept in {data}");
        }
    }

    private static string RepositoryRoot()
    {
        var configured = typeof(Suite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (configured is not null && File.Exists(Path.Combine(configured, "Iom.sln")))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Iom.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Iom.sln not found above " + AppContext.BaseDirectory);
    }
}
