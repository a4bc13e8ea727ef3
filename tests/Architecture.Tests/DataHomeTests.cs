using System.Reflection;
using Iom.Architecture.Tests.Events;
using Microsoft.EntityFrameworkCore.Design;
using NetArchTest.Rules;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Issue 16: a service's database — its registration, its migrations at start-up, the PostgreSQL errors a use case
/// recognises, the design-time factory — has one home, <c>services/Data</c> (Iom.Data). Messaging builds on it (the
/// outbox and inbox live in the service's context) and Iom.Data knows nothing of the bus.
/// </summary>
public sealed class DataHomeTests
{
    private static readonly string[] DatabaseMethods = ["AddServiceDatabase", "MigrateDatabaseAsync", "RunWithMigrationsAsync"];

    private static readonly string[] Registrations =
        ["AddDbContext", "AddDbContextPool", "AddDbContextFactory", "AddPooledDbContextFactory", "AddNpgsqlDbContext", "UseNpgsql(", "MigrateAsync(", "Database.Migrate("];

    [Fact]
    public void Messaging_declares_no_database_registration_or_migration_types()
    {
        var messaging = Assembly.Load("Iom.Messaging").GetTypes();
        var misplaced = messaging
            .Where(t => t.Name is "MigrationMode" or "DatabaseMigrations" or "DatabaseErrors" or "DatabaseRegistration"
                || t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>))
                || t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly).Any(m => DatabaseMethods.Contains(m.Name)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(misplaced.Count == 0, "Database registration or migrations in Iom.Messaging (their home is Iom.Data): " + string.Join(", ", misplaced));

        var data = Assembly.Load("Iom.Data").GetTypes();
        foreach (var method in DatabaseMethods)
        {
            Assert.Contains(data, t => t.GetMethod(method, BindingFlags.Public | BindingFlags.Static) is not null);
        }
    }

    [Fact]
    public void Data_knows_nothing_of_the_bus()
    {
        var result = Types.InAssembly(Assembly.Load("Iom.Data")).ShouldNot().HaveDependencyOnAny("Iom.Messaging", "MassTransit", "RabbitMQ").GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>
    /// Product code registers and migrates a DbContext only through Iom.Data: every service's Program.cs says
    /// <c>AddServiceDatabase</c> and <c>RunWithMigrationsAsync</c>, and nothing else in services/ calls EF's own registration.
    /// </summary>
    [Theory]
    [InlineData("Registry")]
    [InlineData("Consultations")]
    [InlineData("Campaign")]
    [InlineData("Media")]
    public void A_service_registers_its_DbContext_only_through_the_data_home(string service)
    {
        var program = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "services", service, "Program.cs"));
        Assert.Contains("builder.AddServiceDatabase<", program, StringComparison.Ordinal);
        Assert.Contains("app.RunWithMigrationsAsync<", program, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_outside_the_data_home_registers_or_migrates_a_DbContext()
    {
        var root = RepositoryFiles.Root();
        var home = Path.Combine(root, "services", "Data") + Path.DirectorySeparatorChar;
        var own = new[] { "services", "ServiceDefaults", "gateway", "web", "AppHost" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.StartsWith(home, StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path) is var text && Registrations.Any(r => text.Contains(r, StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        Assert.True(own.Count == 0, "Registers or migrates a DbContext outside services/Data: " + string.Join(", ", own));
    }
}
