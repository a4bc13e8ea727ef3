using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iom.Messaging;

/// <summary>
/// When a service applies its migrations (configuration <c>Database:Migrations</c>):
/// <c>OnStart</c> (default: local runs and tests) before serving; <c>Only</c> applies them and exits without serving
/// (a Kubernetes Job, once per release); <c>Skip</c> serves without touching the schema (replicas in a cluster, so they
/// never race each other's migrations). See docs/deploy.md.
/// </summary>
public enum MigrationMode
{
    OnStart,
    Only,
    Skip,
}

public static class DatabaseMigrations
{
    public const string ConfigurationKey = "Database:Migrations";

    /// <summary>Applies migrations as <c>Database:Migrations</c> says, then runs the service unless told to migrate only.</summary>
    public static async Task RunWithMigrationsAsync<TDbContext>(this WebApplication app)
        where TDbContext : DbContext
    {
        var mode = ModeFrom(app.Configuration);
        if (mode != MigrationMode.Skip)
        {
            await app.MigrateDatabaseAsync<TDbContext>();
        }

        if (mode == MigrationMode.Only)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrations))
                .LogInformation("Migrations of {Context} applied; exiting as Database:Migrations=Only asks", typeof(TDbContext).Name);
            return;
        }

        await app.RunAsync();
    }

    /// <summary>The configured mode; an unknown value stops the start with a message naming the setting.</summary>
    public static MigrationMode ModeFrom(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return MigrationMode.OnStart;
        }

        return Enum.TryParse<MigrationMode>(value.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"{ConfigurationKey} is '{value}'; use OnStart, Only or Skip.");
    }
}
