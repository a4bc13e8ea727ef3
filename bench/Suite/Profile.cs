using System.Globalization;

namespace Iom.Bench.Suite;

/// <summary>
/// With --profile: dotnet-trace (a NuGet tool: dotnet tool install --tool-path DIR dotnet-trace) samples one process's
/// thread stacks while a load runs, and its report lists the methods where the samples landed.
/// </summary>
internal static class Profile
{
    public static string? Tool()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("IOM_DOTNET_TRACE") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "dotnet-trace")));
        candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace"));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Traces <paramref name="node"/> for <paramref name="seconds"/> while <paramref name="load"/> runs; returns the top methods.</summary>
    public static async Task<string> SampleAsync(Run run, Node node, Func<Task> load, int seconds)
    {
        var tool = Tool() ?? throw new InvalidOperationException("--profile needs dotnet-trace (dotnet tool install --tool-path DIR dotnet-trace; IOM_DOTNET_TRACE=DIR/dotnet-trace).");
        var file = Path.Combine(run.Stack.Data, $"{node.Name}-{Guid.NewGuid():N}.nettrace");
        var pid = node.Process.GroupId.ToString(CultureInfo.InvariantCulture);
        var trace = Load.RunAsync(tool, ["collect", "-p", pid, "--profile", "dotnet-sampled-thread-time", "--duration", $"00:00:00:{seconds:00}", "-o", file], TimeSpan.FromSeconds(seconds + 60), run.Cancel);
        await Task.Delay(1500, run.Cancel); // the session is set up before the load starts
        await load();
        await trace;
        var exclusive = await Load.RunAsync(tool, ["report", file, "topN", "-n", "30"], TimeSpan.FromSeconds(120), run.Cancel);
        var inclusive = await Load.RunAsync(tool, ["report", file, "topN", "-n", "40", "--inclusive"], TimeSpan.FromSeconds(120), run.Cancel);
        return $"Exclusive (where the samples landed):\n\n```\n{exclusive.Trim()}\n```\n\nInclusive:\n\n```\n{inclusive.Trim()}\n```\n";
    }
}

/// <summary>
/// A sampling profiler for PostgreSQL: while a load runs, reads pg_stat_activity every few milliseconds and counts which
/// statement each active backend is running (and what it waits for), so the report can say where the database time goes.
/// </summary>
internal static class SqlSampler
{
    public static async Task<string> SampleAsync(Run run, Func<Task> load)
    {
        var counts = new Dictionary<(string Database, string Query, string Wait), int>();
        var samples = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            await using var connection = await run.Database("postgres").OpenConnectionAsync(stop.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT datname, left(regexp_replace(query, '\s+', ' ', 'g'), 150), coalesce(wait_event_type || ':' || wait_event, 'CPU')
                FROM pg_stat_activity
                WHERE state = 'active' AND backend_type = 'client backend' AND application_name <> 'bench'
                """;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(stop.Token);
                    while (await reader.ReadAsync(stop.Token))
                    {
                        var key = (reader.IsDBNull(0) ? "?" : reader.GetString(0), reader.IsDBNull(1) ? "?" : reader.GetString(1), reader.GetString(2));
                        counts[key] = counts.GetValueOrDefault(key) + 1;
                    }

                    samples++;
                    await Task.Delay(10, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        await load();
        await stop.CancelAsync();
        await sampler;
        var total = Math.Max(1, counts.Values.Sum());
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{samples} samples of pg_stat_activity (every ~10 ms); {total} active-backend observations; share of them by statement:").AppendLine();
        text.AppendLine("| share | database | waiting for | statement (first 150 characters) |").AppendLine("|---:|---|---|---|");
        foreach (var ((database, query, wait), n) in counts.OrderByDescending(c => c.Value).Take(12))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {100.0 * n / total:0.0} % | {database} | {wait} | `{query.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)}` |");
        }

        return text.ToString();
    }
}
