using System.ComponentModel.DataAnnotations;
using Iom.ServiceDefaults.Data;
using Iom.ServiceDefaults.Outages;
using Iom.ServiceDefaults.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Iom.Data;

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

/// <summary>The <c>Database</c> section: <c>Migrations</c> (OnStart, Only or Skip).</summary>
internal sealed class DatabaseSettings
{
    public const string Section = "Database";

    [EnumDataType(typeof(MigrationMode))]
    public MigrationMode Migrations { get; set; } = MigrationMode.OnStart;
}

public static class DatabaseMigrations
{
    public const string ConfigurationKey = DatabaseSettings.Section + ":" + nameof(DatabaseSettings.Migrations);

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
        try
        {
            return configuration.ReadSettings<DatabaseSettings>(DatabaseSettings.Section).Migrations;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException)
        {
            throw new InvalidOperationException($"{ConfigurationKey} must be OnStart, Only or Skip. {ex.Message}", ex);
        }
    }

    /// <summary>Applies the service's migrations (creating its database if needed) before it serves requests.</summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this IHost host, CancellationToken cancellationToken = default)
        where TDbContext : DbContext
    {
        // The requests' short connect timeout (Dependencies:ConnectTimeout) is for answering 503 quickly; at start-up a
        // busy or just-started server gets a minute, in attempts, before the process gives up.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateOnceAsync<TDbContext>(host, cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < 12 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    private static async Task MigrateOnceAsync<TDbContext>(IHost host, CancellationToken cancellationToken)
        where TDbContext : DbContext
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        db.Database.SetCommandTimeout(DependencyTimeouts.MigrationCommandTimeout);
        await CreateDatabaseIfMissingAsync(db.Database.GetConnectionString(), cancellationToken);
        // Replicas started together (cluster mode, Gateway-style WithReplicas) would each apply the same migration: one
        // wins, the other fails on "column already exists" and exits. A session lock on the database lets one migrate
        // while the others wait, then find nothing left to apply. Closing the connection releases it, also on a crash.
        await using var migrationLock = await new DatabaseLock(db.Database.GetConnectionString()!)
            .AcquireAsync(DatabaseLock.Migrations, DependencyTimeouts.MigrationCommandTimeout, cancellationToken);

        // EF reads its history table before creating it, and logs that first failed read as an error on every new
        // database; the table (EF's own definition for Npgsql) is created first so a first start logs no false alarm.
        await db.Database.ExecuteSqlRawAsync(
            """CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" ("MigrationId" character varying(150) NOT NULL, "ProductVersion" character varying(32) NOT NULL, CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId"))""",
            cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// On a first start the database does not exist yet; creating it here, quietly, spares the log the error EF writes
    /// when its existence probe fails. Where the account may not do this (external servers), migration still decides.
    /// </summary>
    private static async Task CreateDatabaseIfMissingAsync(string? connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database))
        {
            return;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false, Timeout = 15 };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", target.Database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidCatalogName)
        {
            // Another replica created it first (two CREATE DATABASE at once: 23505 on pg_database), or this account may
            // not: MigrateAsync takes it from here.
        }
    }
}
