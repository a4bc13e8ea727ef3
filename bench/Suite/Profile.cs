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
