using Npgsql;

namespace Iom.TestSupport;

/// <summary>
/// Searches every row of every table of a database for a string (each row cast to text, whatever its columns):
/// to prove that erased personal data is in no table at all, not only in the ones a test thought of.
/// </summary>
public static class DatabaseSearch
{
    /// <summary>The tables (schema.table) whose rows contain <paramref name="marker"/>, with how many rows each.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> FindAsync(string connectionString, string marker)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Table)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var found = new Dictionary<string, long>();
        foreach (var (schema, table) in tables)
        {
            var name = $"\"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\".\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {name} t WHERE strpos(t::text, @marker) > 0", connection);
            count.Parameters.AddWithValue("marker", marker);
            var rows = (long)(await count.ExecuteScalarAsync())!;
            if (rows > 0)
            {
                found[$"{schema}.{table}"] = rows;
            }
        }

        return found;
    }
}
