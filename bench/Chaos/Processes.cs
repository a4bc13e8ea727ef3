using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

// Signals to process groups, runuser, setsid: a Linux command.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Iom.Bench.Chaos;

/// <summary>
/// A process the command started in a session (and so a process group) of its own, its output appended to a log file.
/// Faults are signals to that group — SIGKILL, SIGSTOP, SIGCONT — so a server's children (PostgreSQL's backends, the
/// Erlang VM behind rabbitmq-server's script) get them too; nothing else on the machine is touched.
/// </summary>
internal sealed class GroupProcess(string name, string log, string workingDirectory, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
{
    private Process? process;

    public string Name { get; } = name;

    public string Log { get; } = log;

    /// <summary>The id of the process group (its leader's pid), or 0 when not running.</summary>
    public int GroupId { get; private set; }

    public bool Running => process is { HasExited: false };

    public void Start()
    {
        // setsid execs the command as the leader of a new session: the pid returned is the group id.
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$@\" >>\"$LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("chaos-start");
        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        start.Environment["LOG"] = Log;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        File.AppendAllText(Log, $"==== chaos: starting {Name} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}\n");
        process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        GroupId = process.Id;
    }

    /// <summary>
    /// kill -9 of the process and everything it started (PostgreSQL's backends put themselves in sessions of their own, so
    /// the group is not enough); returns once every one of them is gone, so a restart finds no old postmaster or backend.
    /// </summary>
    public async Task KillAsync(TimeSpan within)
    {
        var tree = Tree();
        SignalTree(tree, Signals.Kill);
        await WaitForExitAsync(within);
        await Await.UntilAsync($"{Name}'s killed processes gone", within, _ => Task.FromResult(tree.All(p => StartTime(p.Pid) != p.Started)), TimeSpan.FromMilliseconds(20));
    }

    /// <summary>SIGSTOP to the process and everything it started.</summary>
    public void Freeze() => SignalTree(Tree(), Signals.Stop);

    public void Thaw() => SignalTree(Tree(), Signals.Continue);

    /// <summary>The group leader and its descendants (read from /proc), leader first, each with its start time.</summary>
    private List<(int Pid, string Started)> Tree()
    {
        var tree = new List<(int Pid, string Started)>();
        if (GroupId <= 0)
        {
            return tree;
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // gone meanwhile
            }
        }

        var queue = new Queue<int>([GroupId]);
        while (queue.TryDequeue(out var pid))
        {
            if (StartTime(pid) is { } started)
            {
                tree.Add((pid, started));
            }

            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                queue.Enqueue(child);
            }
        }

        return tree;
    }

    /// <summary>Signals each process of <paramref name="tree"/> that is still the same process (a pid is never reused under us).</summary>
    private static void SignalTree(List<(int Pid, string Started)> tree, int signal)
    {
        foreach (var (pid, started) in tree)
        {
            if (StartTime(pid) == started)
            {
                _ = Signals.kill(pid, signal);
            }
        }
    }

    /// <summary>Field 22 of /proc/PID/stat (start time in clock ticks since boot), or null when there is no such process.</summary>
    private static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19]; // a zombie still counts: PostgreSQL refuses to start while its old postmaster's pid answers
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if the group is still there after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (GroupId == 0)
        {
            return;
        }

        var tree = Tree();
        SignalTree(tree, Signals.Continue);
        Signal(Signals.Terminate);
        if (!await WaitForExitAsync(grace))
        {
            Signal(Signals.Kill);
            await WaitForExitAsync(TimeSpan.FromSeconds(5));
        }

        // Children that outlived their leader (a backend, erl_child_setup).
        Signal(Signals.Kill);
        SignalTree(tree, Signals.Kill);
        GroupId = 0;
    }

    private async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        if (process is null)
        {
            return true;
        }

        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Signal(int signal)
    {
        if (GroupId > 0)
        {
            _ = Signals.kill(-GroupId, signal); // the group: ESRCH when it is gone already, which is fine
        }
    }

    public string Tail(int lines)
    {
        try
        {
            return string.Join('\n', File.ReadLines(Log).TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(log not readable: {ex.Message})";
        }
    }
}

internal static class Signals
{
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

#pragma warning disable SYSLIB1054, CA5392 // a plain libc call, int arguments only
    [DllImport("libc", SetLastError = true)]
    internal static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054, CA5392
}

/// <summary>Polls a condition until it holds or a deadline passes; every wait in the command goes through here.</summary>
internal static class Await
{
    public static async Task<TimeSpan> UntilAsync(string what, TimeSpan deadline, Func<CancellationToken, Task<bool>> condition, TimeSpan? interval = null)
    {
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        while (watch.Elapsed < deadline)
        {
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                if (await condition(attempt.Token))
                {
                    return watch.Elapsed;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                last = ex;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"{what}: not within {deadline.TotalSeconds:0} s{(last is null ? string.Empty : $" (last error: {last.GetType().Name}: {last.Message})")}");
    }

    public static async Task<bool> ListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
