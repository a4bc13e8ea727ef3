using Npgsql;

namespace Iom.Registry.Organizations;

/// <summary>Runs the organisation search (<see cref="OrganizationSearchSql"/>) for the listing and the export.</summary>
internal static class OrganizationSearch
{
    /// <summary>One page (Limit rows) and the total count, in one round trip (a text search in one statement: its matches are found once).</summary>
    public static async Task<(List<OrganizationSummary> Items, long Total, string? Next)> PageAsync(
        OrganizationFilter filter, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = new OrganizationSearchSql(filter, await SimilarWordsAsync(filter, connection, cancellationToken));
        var textSearch = filter.Query is not null;
        await using var batch = new NpgsqlBatch(connection);
        var page = new NpgsqlBatchCommand(sql.Page);
        page.Parameters.AddRange(sql.Parameters().Concat(sql.PageParameters()).ToArray());
        batch.BatchCommands.Add(page);
        if (!textSearch)
        {
            var count = new NpgsqlBatchCommand(sql.Count);
            count.Parameters.AddRange(sql.Parameters().ToArray());
            batch.BatchCommands.Add(count);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var rows = new OrganizationRows(reader);
        long total = 0;
        var items = new List<OrganizationSummary>();
        OrganizationCursor? last = null;
        string? next = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (textSearch)
            {
                total = reader.GetInt64(reader.GetOrdinal("total"));
                if (!rows.HasOrganization)
                {
                    break;
                }
            }

            if (items.Count == filter.Limit)
            {
                next = last!.Encode();
                break;
            }

            items.Add(rows.Summary());
            last = rows.CursorAfter(textSearch);
        }

        if (!textSearch)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt64(reader.GetOrdinal("count"));
        }

        return (items, total, next);
    }

    /// <summary>Every matching row in listing order, streamed (the export).</summary>
    public static async IAsyncEnumerable<OrganizationSummary> AllAsync(
        OrganizationFilter filter, NpgsqlConnection connection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sql = new OrganizationSearchSql(filter, await SimilarWordsAsync(filter, connection, cancellationToken));
        await using var command = new NpgsqlCommand(sql.All, connection);
        command.Parameters.AddRange(sql.Parameters().ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new OrganizationRows(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return rows.Summary();
        }
    }

    private static async Task<string[][]?> SimilarWordsAsync(OrganizationFilter filter, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (filter.Query is null)
        {
            return null;
        }

        await using var command = OrganizationSearchSql.SimilarWords(filter, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return [.. Enumerable.Range(0, filter.Words.Count).Select(reader.GetFieldValue<string[]>)];
    }
}
