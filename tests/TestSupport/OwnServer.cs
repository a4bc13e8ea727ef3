using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Iom.TestSupport;

/// <summary>
/// A server started by one test for itself — never the shared test servers — so the test may freeze it (SIGSTOP),
/// thaw it (SIGCONT) or kill it, always by the process ids it started.
/// </summary>
public abstract class OwnServer : IAsyncDisposable
{
    protected OwnServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The processes that make up the server (a PostgreSQL postmaster and its backends).</summary>
    protected abstract IReadOnlyList<int> ProcessIds();

    public void Freeze() => Signal("STOP", ProcessIds());

    public void Thaw() => Signal("CONT", ProcessIds());

    public abstract ValueTask DisposeAsync();

    protected static void Signal(string signal, IEnumerable<int> pids)
    {
        var list = pids.ToList();
        if (list.Count == 0)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, .. list.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))])
        {
            RedirectStandardError = true,
        })!;
        kill.WaitForExit();
    }

    /// <summary>A free loopback port below the ephemeral range.</summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    protected static async Task WaitUntilListeningAsync(int port, Process process, string what)
    {
        await Eventually.TrueAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{what} exited with {process.ExitCode}.");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            $"{what} to listen on {port}");
    }

    /// <summary>Child processes of <paramref name="parent"/>, from /proc.</summary>
    protected static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var ppid) && ppid == parent)
            {
                yield return pid;
            }
        }
    }
}

/// <summary>Debian's redis-server on a free port, in memory, one process.</summary>
public sealed class OwnRedis : OwnServer
{
    private readonly Process process;

    private OwnRedis(int port, Process process)
        : base(port) => this.process = process;

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<OwnRedis> StartAsync()
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new OwnRedis(port, process);
        await WaitUntilListeningAsync(port, process, "redis-server");
        return redis;
    }

    protected override IReadOnlyList<int> ProcessIds() => [process.Id];

    public override async ValueTask DisposeAsync()
    {
        Thaw();
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}

/// <summary>Debian's PostgreSQL on a free port with a data folder of its own (started by AppHost/local/postgres.sh).</summary>
public sealed class OwnPostgres : OwnServer
{
    public const string Password = "iom-own";

    private readonly Process process;
    private readonly DirectoryInfo data;

    private OwnPostgres(int port, Process process, DirectoryInfo data)
        : base(port)
    {
        this.process = process;
        this.data = data;
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database}";

    public static async Task<OwnPostgres> StartAsync()
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("iom-own-pg-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.FullName, (UnixFileMode)0b111_101_101); // the postgres user must reach it
        }

        var script = Path.Combine(RepositoryRoot(), "AppHost", "local", "postgres.sh");
        var process = Process.Start(new ProcessStartInfo("bash", [script, Path.Combine(data.FullName, "pg"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), Password])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var postgres = new OwnPostgres(port, process, data);
        await WaitUntilListeningAsync(port, process, "postgres");
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres") + ";Pooling=false");
                    await connection.OpenAsync();
                    return true;
                }
                catch (NpgsqlException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            "postgres to accept logins");
        return postgres;
    }

    private int? Postmaster()
    {
        var file = Path.Combine(data.FullName, "pg", "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null;
    }

    protected override IReadOnlyList<int> ProcessIds() =>
        Postmaster() is { } postmaster ? [postmaster, .. ChildrenOf(postmaster)] : [];

    public override async ValueTask DisposeAsync()
    {
        Thaw();
        if (Postmaster() is { } postmaster)
        {
            Signal("QUIT", [postmaster]); // immediate shutdown
        }

        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        NpgsqlConnection.ClearAllPools();
        try
        {
            data.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Iom.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Iom.sln not found above the test's folder.");
    }
}
