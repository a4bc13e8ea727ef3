using Npgsql;

namespace Iom.TestSupport.Fuzz;

/// <summary>The number of rows in every table of a service's database, read in one statement.</summary>
public sealed class RowCounts : IAsyncDisposable
{
    private NpgsqlConnection? open;
    private NpgsqlCommand? command;

    private readonly string connectionString;
    private readonly string[] tables;
    private readonly string sql;

    private RowCounts(string connectionString, string[] tables)
    {
        this.connectionString = connectionString;
        this.tables = tables;
        sql = "SELECT " + string.Join(", ", tables.Select(t => $"(SELECT count(*) FROM \"{t}\")"));
    }

    public IReadOnlyList<string> Tables => tables;

    public static async Task<RowCounts> ForAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory' ORDER BY 1",
            connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        return new RowCounts(connectionString, [.. tables]);
    }

    public async Task<long[]> ReadAsync()
    {
        if (command is null)
        {
            open = new NpgsqlConnection(connectionString);
            await open.OpenAsync();
            command = new NpgsqlCommand(sql, open);
            await command.PrepareAsync();
        }

        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var counts = new long[tables.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = reader.GetInt64(i);
        }

        return counts;
    }

    /// <summary>Tables whose count differs, e.g. "stories: 3 → 4".</summary>
    public IEnumerable<string> Differences(long[] before, long[] after) =>
        tables.Select((t, i) => (t, i)).Where(x => before[x.i] != after[x.i]).Select(x => $"{x.t}: {before[x.i]} → {after[x.i]}");

    public async ValueTask DisposeAsync()
    {
        if (command is not null)
        {
            await command.DisposeAsync();
        }

        if (open is not null)
        {
            await open.DisposeAsync();
        }
    }
}
