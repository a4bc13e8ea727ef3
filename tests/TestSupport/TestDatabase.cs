using Npgsql;

namespace Iom.TestSupport;

/// <summary>A database of its own for one test class, dropped afterwards, so no test sees another's rows.</summary>
public static class TestDatabase
{
    public static string NewConnectionString(string serverConnection, string prefix)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnection)
        {
            Database = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)].ToLowerInvariant(),
            Pooling = true,
            MaxPoolSize = 20,
        };
        return builder.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
