using System.Globalization;

namespace Iom.Bench.Suite;

/// <summary>
/// CPU seconds used by each process the bench started (the process and everything below it, read from /proc), so a
/// load run can say how many CPU milliseconds each request cost in the gateway, the service, Redis and PostgreSQL.
/// </summary>
internal static class Cpu
{
    private static readonly double Tick = 100.0; // USER_HZ on Linux

    public static Dictionary<string, double> Snapshot(Stack stack)
    {
        var parent = new Dictionary<int, int>();
        var used = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parent[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                used[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / Tick;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
            }
        }

        var children = parent.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
        double Tree(int root)
        {
            if (root <= 0)
            {
                return 0;
            }

            var total = 0.0;
            var queue = new Queue<int>([root]);
            while (queue.TryDequeue(out var pid))
            {
                total += used.GetValueOrDefault(pid);
                foreach (var child in children.GetValueOrDefault(pid) ?? [])
                {
                    queue.Enqueue(child);
                }
            }

            return total;
        }

        var snapshot = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["postgres"] = Tree(stack.Postgres.GroupId),
            ["rabbitmq"] = Tree(stack.RabbitMq.GroupId),
            ["redis"] = Tree(stack.Redis.GroupId),
        };
        foreach (var node in stack.AllNodes)
        {
            snapshot[node.Name] = Tree(node.Process.GroupId);
        }

        if (stack.Nginx is { GroupId: > 0 } nginx)
        {
            snapshot["nginx"] = Tree(nginx.GroupId);
        }

        return snapshot;
    }

    /// <summary>CPU milliseconds per request in each process between two snapshots (processes that used &lt; 0.05 ms left out).</summary>
    public static string PerRequest(Dictionary<string, double> before, Dictionary<string, double> after, long requests)
    {
        if (requests <= 0)
        {
            return "–";
        }

        var parts = after
            .Select(a => (a.Key, Ms: (a.Value - before.GetValueOrDefault(a.Key)) * 1000 / requests))
            .Where(p => p.Ms >= 0.05)
            .OrderByDescending(p => p.Ms)
            .Select(p => $"{p.Key} {p.Ms.ToString("0.00", CultureInfo.InvariantCulture)}");
        return string.Join(", ", parts);
    }
}
