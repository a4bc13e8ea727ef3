using Iom.ServiceDefaults.Data;
using Iom.TestSupport;
using Npgsql;
using Xunit;

namespace Iom.Messaging.Tests;

/// <summary>
/// The lock replicas take turns through (migrations, demo seeding): a second holder waits until the first lets go,
/// a different key does not wait, and a holder that dies releases it. Real PostgreSQL.
/// </summary>
public sealed class DatabaseLockTests : IAsyncLifetime
{
    private string database = "";

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        database = TestDatabase.NewConnectionString(servers.Postgres, "locks");
        var maintenance = new NpgsqlConnectionStringBuilder(database) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(database);

    [Fact]
    public async Task A_second_replica_waits_for_the_first_and_another_key_does_not()
    {
        var locks = new DatabaseLock(database);
        var first = await locks.AcquireAsync(DatabaseLock.DemoData, TimeSpan.FromSeconds(30), CancellationToken.None);
        var second = locks.AcquireAsync(DatabaseLock.DemoData, TimeSpan.FromSeconds(30), CancellationToken.None);

        // The second holder is seen waiting by PostgreSQL itself (an advisory lock not granted).
        await Eventually.TrueAsync(async () => await WaitingAsync() == 1, TimeSpan.FromSeconds(30), "the second replica waiting");
        await using (await locks.AcquireAsync(DatabaseLock.Migrations, TimeSpan.FromSeconds(30), CancellationToken.None))
        {
            Assert.False(second.IsCompleted); // holding the other key did not wait, and did not free the first
        }

        await first.DisposeAsync();
        await using var taken = await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<long> WaitingAsync()
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_wait_that_outlasts_its_bound_fails_instead_of_hanging()
    {
        var locks = new DatabaseLock(database);
        await using var held = await locks.AcquireAsync(DatabaseLock.DemoData, TimeSpan.FromSeconds(30), CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => locks.AcquireAsync(DatabaseLock.DemoData, TimeSpan.FromSeconds(1), CancellationToken.None));
    }
}
