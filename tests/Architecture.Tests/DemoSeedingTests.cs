using Iom.Architecture.Tests.Events;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Demo data is seeded one way (ServiceDefaults' DemoDataSeeder, the only type AddDemoSeeder accepts): four seeders
/// handled failures four ways before — one retried nothing and would have stopped its service on a slow first connect.
/// </summary>
public sealed class DemoSeedingTests
{
    [Fact]
    public void Every_service_seeds_its_demo_data_through_the_shared_seeder()
    {
        var root = RepositoryFiles.Root();
        var seeders = Directory.EnumerateDirectories(Path.Combine(root, "services"), "Demo", SearchOption.AllDirectories)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs"))
            .Select(path => (Path: Path.GetRelativePath(root, path), Text: File.ReadAllText(path)))
            .ToList();
        Assert.NotEmpty(seeders);
        var own = seeders.Where(f => f.Text.Contains(": BackgroundService", StringComparison.Ordinal) || f.Text.Contains("IHostedService", StringComparison.Ordinal)).Select(f => f.Path).ToList();
        Assert.True(own.Count == 0, "Derive from DemoDataSeeder instead: " + string.Join(", ", own));
        Assert.Equal(4, seeders.Count(f => f.Text.Contains(": DemoDataSeeder(", StringComparison.Ordinal)));
    }
}
