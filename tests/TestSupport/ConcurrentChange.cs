using Npgsql;

namespace Iom.TestSupport;

/// <summary>
/// A change another transaction has made and not committed yet (as a concurrent consumer's is): it holds its rows'
/// locks until <see cref="CommitAsync"/>, so a test can make a consumer meet it at a known moment.
/// </summary>
public sealed class ConcurrentChange : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private ConcurrentChange(string connectionString, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connectionString = connectionString;
        this.connection = connection;
        this.transaction = transaction;
    }

    /// <summary>Runs <paramref name="sql"/> (with @p0, @p1 … from <paramref name="parameters"/>) in a transaction left open.</summary>
    public static async Task<ConcurrentChange> BeginAsync(string connectionString, string sql, params object[] parameters)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"p{i}", parameters[i]);
        }

        await command.ExecuteNonQueryAsync();
        return new ConcurrentChange(connectionString, connection, transaction);
    }

    /// <summary>Waits until another session of the same database waits for a lock (ours), e.g. a consumer on the row.</summary>
    public Task WaitUntilSomeoneWaitsAsync(string what) => Eventually.TrueAsync(async () =>
    {
        // A fresh connection each time: pg_stat_activity is a snapshot per transaction.
        await using var look = new NpgsqlConnection(connectionString);
        await look.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", look);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }, what: what);

    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
