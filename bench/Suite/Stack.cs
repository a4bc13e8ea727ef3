using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Iom.Bench.Chaos;
using Npgsql;
using RabbitMQ.Client;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Iom.Bench.Suite;

/// <summary>The loopback ports of one run: the servers (as the chaos command picks them), the four services, the gateway, nginx.</summary>
internal sealed record StackPorts(Ports Servers, int Gateway, int Nginx, int Web, int[] Variants)
{
    public static StackPorts Free()
    {
        var servers = Ports.Free();
        var used = new List<int> { servers.Postgres, servers.RabbitMq, servers.Redis, servers.FirstService };
        int Next()
        {
            while (true)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (!used.Any(p => Math.Abs(p - port) < 8) && IsFree(port))
                {
                    used.Add(port);
                    return port;
                }
            }
        }

        return new StackPorts(servers, Next(), Next(), Next(), [Next(), Next(), Next()]);
    }

    public static bool IsFree(int port)
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

/// <summary>A process of the suite: one of the four services or the gateway, run from its built DLL.</summary>
internal sealed record Node(string Name, int Port, GroupProcess Process)
{
    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>How long from the process start to its first healthy /health (set when started).</summary>
    public TimeSpan StartToHealthy { get; set; }

    /// <summary>Resident memory of the process (VmRSS), MB; null when it is not running.</summary>
    public double? RssMb()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Process.GroupId.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>CPU time the process has used so far (user + system), seconds.</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Process.GroupId.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>
/// What the bench measures against: Debian's PostgreSQL, RabbitMQ and Redis through AppHost/local/*.sh (as the chaos
/// command starts them), the four services and the gateway as processes configured like the AppHost configures them
/// (connection strings, service discovery addresses for YARP, the development signing key), and nginx as the reference
/// proxy. Everything on loopback ports of its own and a fresh temporary folder; everything stopped at the end.
/// </summary>
internal sealed class Stack : IAsyncDisposable
{
    public const string PostgresPassword = "iom-bench";
    public const string SigningKey = "iom-local-development-signing-key-not-for-production";
    public static readonly string[] ServiceNames = ["registry", "consultations", "campaign", "media"];

    private readonly string data;
    private readonly bool keep;
    private GroupProcess? nginx;

    public Stack(StackPorts ports, string build, bool keep)
    {
        Ports = ports;
        Build = build;
        this.keep = keep;
        Root = RepositoryRoot();
        data = Directory.CreateTempSubdirectory("iom-bench-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        Logs = Path.Combine(data, "logs");
        Directory.CreateDirectory(Logs);
        File.SetUnixFileMode(Logs, (UnixFileMode)0b111_101_101);
        var scripts = Path.Combine(Root, "AppHost", "local");
        var none = new Dictionary<string, string>();
        var s = ports.Servers;
        Postgres = new GroupProcess("postgres", Path.Combine(Logs, "postgres.log"), scripts,
            ["bash", Path.Combine(scripts, "postgres.sh"), Path.Combine(data, "postgres"), I(s.Postgres), PostgresPassword], none);
        RabbitMq = new GroupProcess("rabbitmq", Path.Combine(Logs, "rabbitmq.log"), scripts,
            ["bash", Path.Combine(scripts, "rabbitmq.sh"), Path.Combine(data, "rabbitmq"), I(s.RabbitMq)], none);
        Redis = new GroupProcess("redis", Path.Combine(Logs, "redis.log"), scripts,
            ["bash", Path.Combine(scripts, "redis.sh"), Path.Combine(data, "redis"), I(s.Redis)], none);
    }

    public StackPorts Ports { get; }

    public string Build { get; private set; }

    public string Root { get; }

    public string Logs { get; }

    public string Data => data;

    public GroupProcess Postgres { get; }

    public GroupProcess RabbitMq { get; }

    public GroupProcess Redis { get; }

    public Dictionary<string, Node> Services { get; } = new(StringComparer.Ordinal);

    public Node? Gateway { get; private set; }

    public GroupProcess? Nginx => nginx;

    public IEnumerable<Node> Nodes => Gateway is null ? Services.Values : Services.Values.Append(Gateway);

    public IEnumerable<Node> AllNodes => Nodes.Concat(Variants);

    public Uri NginxAddress => new($"http://127.0.0.1:{I(Ports.Nginx)}");

    public string BrokerConnection => $"amqp://guest:guest@127.0.0.1:{I(Ports.Servers.RabbitMq)}";

    public string CacheConnection => $"127.0.0.1:{I(Ports.Servers.Redis)}";

    public string DatabaseConnection(string database) =>
        $"Host=127.0.0.1;Port={I(Ports.Servers.Postgres)};Username=postgres;Password={PostgresPassword};Database={database}";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    public async Task StartServersAsync()
    {
        Postgres.Start();
        RabbitMq.Start();
        Redis.Start();
        await Task.WhenAll(
            Await.UntilAsync("postgres ready", TimeSpan.FromSeconds(120), async ct =>
            {
                await using var connection = new NpgsqlConnection(DatabaseConnection("postgres") + ";Pooling=false;Timeout=2");
                await connection.OpenAsync(ct);
                return true;
            }, TimeSpan.FromMilliseconds(100)),
            Await.UntilAsync("rabbitmq ready", TimeSpan.FromSeconds(120), async ct =>
            {
                if (!await Await.ListeningAsync(Ports.Servers.RabbitMq, ct))
                {
                    return false;
                }

                var factory = new ConnectionFactory { Uri = new Uri(BrokerConnection), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
                await using var connection = await factory.CreateConnectionAsync(ct);
                return connection.IsOpen;
            }, TimeSpan.FromMilliseconds(100)),
            Await.UntilAsync("redis ready", TimeSpan.FromSeconds(120), async ct =>
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Ports.Servers.Redis, ct);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, ct);
                return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
            }, TimeSpan.FromMilliseconds(100)));
    }

    /// <summary>The DLL of a project in the chosen build, built first when it is missing.</summary>
    private string Dll(string folder, string assembly)
    {
        var dll = Path.Combine(Root, folder, "bin", Build, "net10.0", assembly + ".dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"bench: {dll} missing: dotnet build -c {Build} {folder}");
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", Build, "--nologo", "-v", "q", Path.Combine(Root, folder)]) { UseShellExecute = false })!;
            build.WaitForExit();
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException($"{dll} is not built (dotnet build -c {Build} {folder}).", dll);
            }
        }

        return dll;
    }

    /// <summary>Starts the four services (at once, as the AppHost does), then the gateway; records process start → healthy.</summary>
    public async Task StartSuiteAsync(string build)
    {
        Build = build;
        for (var i = 0; i < ServiceNames.Length; i++)
        {
            var name = ServiceNames[i];
            var project = char.ToUpperInvariant(name[0]) + name[1..];
            var dll = Dll(Path.Combine("services", project), $"Iom.{project}");
            var port = Ports.Servers.FirstService + i;
            var database = name + "db";
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{I(port)}",
                [$"ConnectionStrings__{database}"] = DatabaseConnection(database),
                ["ConnectionStrings__messaging"] = BrokerConnection,
                ["ConnectionStrings__cache"] = CacheConnection,
                ["Auth__Issuer"] = "iom-dev",
                ["Auth__Audience"] = "iom-api",
                ["Auth__SigningKey"] = SigningKey,
                ["Demo__Enabled"] = "false",
            };
            Services[name] = new Node(name, port, new GroupProcess($"{name}-{build}", Path.Combine(Logs, $"{name}-{build}.log"), Path.GetDirectoryName(dll)!, ["dotnet", dll], environment));
        }

        await Task.WhenAll(Services.Values.Select(StartNodeAsync));

        Gateway = await StartGatewayAsync("gateway", Ports.Gateway, build, new Dictionary<string, string>());
    }

    /// <summary>
    /// A gateway process configured as the AppHost configures it (service discovery addresses for YARP's destinations,
    /// the cache, the development signing key) plus <paramref name="extra"/> settings; started and waited for.
    /// </summary>
    public async Task<Node> StartGatewayAsync(string name, int port, string build, IReadOnlyDictionary<string, string> extra)
    {
        var saved = Build;
        Build = build;
        string gatewayDll;
        try
        {
            gatewayDll = Dll("gateway", "Iom.Gateway");
        }
        finally
        {
            Build = saved;
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{I(port)}",
            ["ConnectionStrings__cache"] = CacheConnection,
            ["Auth__Issuer"] = "iom-dev",
            ["Auth__Audience"] = "iom-api",
            ["Auth__SigningKey"] = SigningKey,
            // Service discovery for YARP's destinations (http://registry …), as Aspire's WithReference sets it.
            ["services__web__http__0"] = $"http://127.0.0.1:{I(Ports.Web)}",
            // The rate limits stay on (one Redis script per request, as in production) but high enough not to refuse
            // the load: the bench measures their cost, not their refusals.
            ["Gateway__RateLimits__PerCaller__PermitLimit"] = "100000000",
            ["Gateway__RateLimits__FeedKey__PermitLimit"] = "100000000",
            ["Gateway__RateLimits__AnonymousSubmission__PermitLimit"] = "100000000",
        };
        foreach (var service in Services.Values)
        {
            environment[$"services__{service.Name}__http__0"] = service.BaseAddress.ToString().TrimEnd('/');
        }

        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        var node = new Node(name, port, new GroupProcess($"{name}-{build}", Path.Combine(Logs, $"{name}-{build}.log"), Path.GetDirectoryName(gatewayDll)!, ["dotnet", gatewayDll], environment));
        await StartNodeAsync(node);
        return node;
    }

    /// <summary>Gateways of another configuration or build, beside the main one, for the gateway measure's variants.</summary>
    public List<Node> Variants { get; } = [];

    public bool Built(string folder, string assembly, string build) => File.Exists(Path.Combine(Root, folder, "bin", build, "net10.0", assembly + ".dll"));

    private static async Task StartNodeAsync(Node node)
    {
        var watch = Stopwatch.StartNew();
        node.Process.Start();
        try
        {
            await Await.UntilAsync($"{node.Name} healthy", TimeSpan.FromSeconds(240), async ct =>
            {
                if (!node.Process.Running)
                {
                    throw new InvalidOperationException($"{node.Name} exited.");
                }

                using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
                using var response = await http.GetAsync("/health", ct);
                return response.IsSuccessStatusCode;
            }, TimeSpan.FromMilliseconds(50));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{ex.Message}\n--- last lines of {node.Process.Log}:\n{node.Process.Tail(25)}", ex);
        }

        node.StartToHealthy = watch.Elapsed;
    }

    /// <summary>Stops the services and the gateway (the servers stay), e.g. before starting another build.</summary>
    public async Task StopSuiteAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.Process.StopAsync(TimeSpan.FromSeconds(10));
            Gateway = null;
        }

        foreach (var service in Services.Values)
        {
            await service.Process.StopAsync(TimeSpan.FromSeconds(10));
        }

        Services.Clear();
    }

    /// <summary>Debian's nginx with a config of its own: a reverse proxy to Registry and Media with upstream keepalive.</summary>
    public async Task StartNginxAsync()
    {
        if (nginx is { Running: true })
        {
            await nginx.StopAsync(TimeSpan.FromSeconds(5));
        }

        var folder = Path.Combine(data, "nginx");
        Directory.CreateDirectory(folder);
        var conf = Path.Combine(folder, "nginx.conf");
        var registry = Services["registry"].Port;
        var media = Services["media"].Port;
        File.WriteAllText(conf, $$"""
            user root;
            worker_processes auto;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream registry { server 127.0.0.1:{{I(registry)}}; keepalive 32; }
              upstream media { server 127.0.0.1:{{I(media)}}; keepalive 32; }
              server {
                listen 127.0.0.1:{{I(Ports.Nginx)}};
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $host;
                location /api/registry/ { proxy_pass http://registry; }
                location / { proxy_pass http://media; }
              }
            }
            """);
        nginx = new GroupProcess("nginx", Path.Combine(Logs, "nginx.log"), folder, ["nginx", "-p", folder, "-c", conf], new Dictionary<string, string>());
        nginx.Start();
        await Await.UntilAsync("nginx listening", TimeSpan.FromSeconds(20), ct => Await.ListeningAsync(Ports.Nginx, ct), TimeSpan.FromMilliseconds(50));
    }

    public async ValueTask DisposeAsync()
    {
        if (nginx is not null)
        {
            await nginx.StopAsync(TimeSpan.FromSeconds(5));
        }

        foreach (var variant in Variants)
        {
            await variant.Process.StopAsync(TimeSpan.FromSeconds(10));
        }

        await StopSuiteAsync();
        await Redis.StopAsync(TimeSpan.FromSeconds(5));
        await RabbitMq.StopAsync(TimeSpan.FromSeconds(20));
        await Postgres.StopAsync(TimeSpan.FromSeconds(20));
        try
        {
            var start = new ProcessStartInfo("epmd") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-port");
            start.ArgumentList.Add(I(Ports.Servers.RabbitMq + 2));
            start.ArgumentList.Add("-kill");
            using var epmd = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await epmd.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
        }

        if (keep)
        {
            Console.WriteLine($"bench: data and logs kept in {data}");
            return;
        }

        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        var configured = typeof(Stack).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
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
