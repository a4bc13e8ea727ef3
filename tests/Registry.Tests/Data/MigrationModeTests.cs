using Iom.Data;
using Iom.Messaging;
using Iom.Registry.Data;
using Iom.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace Iom.Registry.Tests.Data;

/// <summary>
/// Database:Migrations, as deploy/ uses it: a Job migrates once and exits (Only); replicas serve without migrating
/// (Skip); local runs and tests migrate at start (OnStart, the default). Real PostgreSQL, Registry's real migrations.
/// </summary>
public sealed class MigrationModeTests
{
    private static async Task<(WebApplication App, string Connection)> HostAsync(string mode)
    {
        var servers = await TestServers.GetAsync();
        var connection = TestDatabase.NewConnectionString(servers.Postgres, "migrate");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[DatabaseMigrations.ConfigurationKey] = mode;
        builder.Services.AddDbContext<RegistryDbContext>(o => o.UseNpgsql(connection));
        return (builder.Build(), connection);
    }

    private static async Task<long?> AppliedMigrationsAsync(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var database = builder.Database;
        builder.Database = "postgres";
        await using var server = new NpgsqlConnection(builder.ConnectionString);
        await server.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @d", server);
        exists.Parameters.AddWithValue("d", database!);
        if (await exists.ExecuteScalarAsync() is null)
        {
            return null;
        }

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM "__EFMigrationsHistory" """, db);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Only_applies_every_migration_and_returns_without_serving()
    {
        var (app, connection) = await HostAsync("Only");
        try
        {
            await app.RunWithMigrationsAsync<RegistryDbContext>();

            await using var scope = app.Services.CreateAsyncScope();
            var expected = scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.GetMigrations().Count();
            Assert.True(expected > 0);
            Assert.Equal(expected, await AppliedMigrationsAsync(connection));
            Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested);
        }
        finally
        {
            await app.DisposeAsync();
            await TestDatabase.DropAsync(connection);
        }
    }

    [Fact]
    public async Task Skip_serves_without_touching_the_schema()
    {
        var (app, connection) = await HostAsync("Skip");
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(started.SetResult);
        var run = app.RunWithMigrationsAsync<RegistryDbContext>();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Null(await AppliedMigrationsAsync(connection));
        }
        finally
        {
            lifetime.StopApplication();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Replicas_migrating_one_new_database_at_once_all_start_and_apply_each_migration_once()
    {
        // Cluster mode starts two replicas of each service together; without a lock one of them failed on "column
        // search_words already exists" and exited.
        var servers = await TestServers.GetAsync();
        var connection = TestDatabase.NewConnectionString(servers.Postgres, "migrate");
        var apps = new List<WebApplication>();
        for (var i = 0; i < 3; i++)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.Services.AddDbContext<RegistryDbContext>(o => o.UseNpgsql(connection));
            apps.Add(builder.Build());
        }

        try
        {
            await Task.WhenAll(apps.Select(app => Task.Run(() => app.MigrateDatabaseAsync<RegistryDbContext>())));

            await using var scope = apps[0].Services.CreateAsyncScope();
            var expected = scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.GetMigrations().Count();
            Assert.Equal(expected, await AppliedMigrationsAsync(connection));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            await TestDatabase.DropAsync(connection);
        }
    }

    [Fact]
    public void An_unknown_mode_stops_the_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseMigrations.ConfigurationKey] = "Sometimes" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => { _ = DatabaseMigrations.ModeFrom(configuration); });
        Assert.Contains("Database:Migrations", error.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationMode.OnStart, DatabaseMigrations.ModeFrom(new ConfigurationBuilder().Build()));
    }
}
