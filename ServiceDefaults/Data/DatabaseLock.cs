using Npgsql;

namespace Iom.ServiceDefaults.Data;

/// <summary>
/// A lock shared by every replica of a service, held in its own PostgreSQL database (a session advisory lock on a
/// connection of its own): for work that must run once however many replicas start — applying migrations, seeding the
/// demo data. Disposing the handle closes the connection, which releases the lock; so does a crash.
/// </summary>
public sealed class DatabaseLock(string connectionString)
{
    /// <summary>Serialises schema migrations of one database.</summary>
    public const long Migrations = 0x494F4D_4D49475241;

    /// <summary>Serialises demo-data seeding of one database.</summary>
    public const long DemoData = 0x494F4D_44454D4F;

    /// <summary>Waits (up to <paramref name="wait"/>) until no other replica holds <paramref name="key"/>, then holds it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(long key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 15 };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = Math.Max(1, (int)wait.TotalSeconds) };
            take.Parameters.AddWithValue("key", key);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
