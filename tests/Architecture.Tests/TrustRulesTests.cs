using System.Reflection;
using NetArchTest.Rules;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// One home each for what production must refuse: token validation lives in ServiceDefaults (so its start-up checks
/// hold for the gateway and every service), and the demo rule (Demo:Enabled, the demo feed key) lives in
/// ServiceDefaults' DemoMode — no service configures JWT bearer or reads the demo switch by itself.
/// </summary>
public sealed class TrustRulesTests
{
    public static TheoryData<string> Hosts => new([.. DependencyRulesTests.Services, "Iom.Gateway"]);

    public static TheoryData<string> ServiceNames => DependencyRulesTests.ServiceNames;

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Only_ServiceDefaults_configures_JWT_bearer(string name)
    {
        var result = Types.InAssembly(Assembly.Load(name)).ShouldNot().HaveDependencyOn("Microsoft.AspNetCore.Authentication.JwtBearer").GetResult();
        Assert.True(result.IsSuccessful, $"{name} configures JWT bearer itself: {string.Join(", ", result.FailingTypeNames ?? [])}");

        // The rule can see the dependency where it exists (else it would pass forever).
        Assert.False(Types.InAssembly(Assembly.Load("ServiceDefaults")).ShouldNot().HaveDependencyOn("Microsoft.AspNetCore.Authentication.JwtBearer").GetResult().IsSuccessful);
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Demo_seeding_goes_through_the_shared_rule(string service)
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(root, "services", service["Iom.".Length..]);
        Assert.True(Directory.Exists(Path.Combine(folder, "Demo")), $"{folder}/Demo");
        var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(sources, f => File.ReadAllText(f).Contains("\"Demo:Enabled\"", StringComparison.Ordinal));
        Assert.Contains("builder.AddDemoSeeder<", File.ReadAllText(Path.Combine(folder, "Program.cs")), StringComparison.Ordinal);
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
}
