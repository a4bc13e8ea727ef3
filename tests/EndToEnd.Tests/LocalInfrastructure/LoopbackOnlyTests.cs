using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Iom.EndToEnd.Tests.LocalInfrastructure;

/// <summary>
/// Local mode's servers (AppHost/local/*.sh, started here through scripts/test-servers.sh on free ports) listen on
/// loopback only: every listening socket their processes own, including RabbitMQ's Erlang distribution port and
/// epmd, is on 127.0.0.1 or ::1 — never 0.0.0.0 or ::. Read from /proc/net/tcp{,6} and the processes' open sockets.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LoopbackOnlyTests
{
    [Fact]
    public async Task Every_port_of_the_local_servers_is_bound_to_loopback()
    {
        var (pg, rabbit, redis) = FreePorts();
        var dir = Directory.CreateTempSubdirectory("iom-loopback-");
        File.SetUnixFileMode(dir.FullName, (UnixFileMode)0b111_101_101);
        try
        {
            await ServersAsync("start", dir.FullName, pg, rabbit, redis);
            var groups = Directory.GetFiles(dir.FullName, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture)).ToHashSet();
            Assert.Equal(3, groups.Count);

            var listening = ListeningSockets();
            int[] ours = [pg, rabbit, rabbit + 1, rabbit + 2, rabbit + 3, redis];
            var owners = Processes().Where(p => groups.Contains(p.Group) || p.Sockets.Overlaps(listening.Where(l => ours.Contains(l.Endpoint.Port)).Select(l => l.Inode))).ToList();
            var sockets = listening.Where(l => owners.Any(o => o.Sockets.Contains(l.Inode))).ToList();

            // The check sees the servers at all: each of our ports is among their listening sockets.
            Assert.All(ours, port => Assert.Contains(sockets, s => s.Endpoint.Port == port));
            var exposed = sockets.Where(s => !IPAddress.IsLoopback(s.Endpoint.Address)).Select(s => $"{s.Endpoint} ({owners.First(o => o.Sockets.Contains(s.Inode)).Name})").ToList();
            Assert.True(exposed.Count == 0, "Listening beyond loopback: " + string.Join(", ", exposed));
        }
        finally
        {
            await ServersAsync("stop", dir.FullName, pg, rabbit, redis);
            dir.Delete(recursive: true);
        }
    }

    private sealed record Listening(IPEndPoint Endpoint, long Inode);

    private sealed record ServerProcess(int Pid, int Group, string Name, HashSet<long> Sockets);

    private static List<Listening> ListeningSockets()
    {
        var sockets = new List<Listening>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] != "0A")
                {
                    continue; // not LISTEN
                }

                var local = fields[1].Split(':');
                sockets.Add(new Listening(new IPEndPoint(Address(local[0]), int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)), long.Parse(fields[9], CultureInfo.InvariantCulture)));
            }
        }

        return sockets;
    }

    /// <summary>/proc/net/tcp writes addresses as 32-bit words in host (little-endian) order.</summary>
    private static IPAddress Address(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var i = 0; i < bytes.Length; i += 4)
        {
            Array.Reverse(bytes, i, 4);
        }

        return new IPAddress(bytes);
    }

    private static List<ServerProcess> Processes()
    {
        var processes = new List<ServerProcess>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var sockets = Directory.GetFiles(Path.Combine(dir, "fd"))
                    .Select(fd => new FileInfo(fd).LinkTarget)
                    .Where(t => t is not null && t.StartsWith("socket:[", StringComparison.Ordinal))
                    .Select(t => long.Parse(t!["socket:[".Length..^1], CultureInfo.InvariantCulture))
                    .ToHashSet();
                processes.Add(new ServerProcess(pid, int.Parse(afterName[2], CultureInfo.InvariantCulture), name, sockets));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that ended meanwhile, or one we may not read.
            }
        }

        return processes;
    }

    private static async Task ServersAsync(string action, string dir, int pg, int rabbit, int redis)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "test-servers.sh"), action, dir])
        {
            WorkingDirectory = root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["IOM_TEST_PG_PORT"] = pg.ToString(CultureInfo.InvariantCulture);
        start.Environment["IOM_TEST_RABBIT_PORT"] = rabbit.ToString(CultureInfo.InvariantCulture);
        start.Environment["IOM_TEST_REDIS_PORT"] = redis.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"test-servers.sh {action} failed: {await output}{await errors}");
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

        throw new InvalidOperationException("Iom.sln not found above " + AppContext.BaseDirectory);
    }

    private static (int Pg, int Rabbit, int Redis) FreePorts()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            if (Enumerable.Range(port, 6).All(IsFree))
            {
                // RabbitMQ also takes +1 (distribution), +2 (epmd) and, for the tests' virtual hosts, +3 (management API).
                return (port, port + 1, port + 5);
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
