using System.Diagnostics;
using Npgsql;

namespace Iom.Bench.NodeLoss;

/// <summary>
/// What the accepted writes became, read by SQL on whichever PostgreSQL node is the primary: Registry's organisations
/// (an accepted write that is not there was lost), the three consumers' partner read models (applied), Registry's
/// outbox and the consumers' inboxes (a partner published or applied twice is a duplicated effect), and Registry rows
/// of the stream that no 201 answered (committed, but the caller saw an error).
/// </summary>
internal static class Effects
{
    private static readonly string[] Consumers = ["consultationsdb", "campaigndb", "mediadb"];

    /// <summary>Polls until every accepted write is in Registry and applied by every consumer, or the deadline passes.</summary>
    public static async Task<(int LostInRegistry, int NotApplied, string Where, TimeSpan Took)> WaitAppliedAsync(
        Cluster cluster, IReadOnlyCollection<Guid> accepted, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var ids = accepted.ToArray();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var lost = -1;
            var missing = new Dictionary<string, int>();
            try
            {
                lost = ids.Length - await CountAsync(cluster, "registrydb", "SELECT count(*) FROM organizations WHERE id = ANY(@ids)", ids, cancellationToken);
                foreach (var database in Consumers)
                {
                    missing[database] = ids.Length - await CountAsync(cluster, database, """SELECT count(*) FROM partners WHERE "Id" = ANY(@ids) AND "Name" <> 'Partner organisation'""", ids, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                missing["(database not answering)"] = ids.Length;
            }

            var notApplied = missing.Values.DefaultIfEmpty(0).Max();
            if ((lost == 0 && notApplied == 0) || watch.Elapsed > deadline)
            {
                return (lost, notApplied, string.Join(", ", missing.Where(m => m.Value > 0).Select(m => $"{m.Key} {m.Value}")), watch.Elapsed);
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Partners published more than once by Registry, plus partners applied more than once by a consumer.</summary>
    public static async Task<int> DuplicatedAsync(Cluster cluster, IReadOnlyCollection<Guid> accepted, CancellationToken cancellationToken)
    {
        var partnerOf = new Dictionary<Guid, Guid>();
        var duplicated = 0;
        await using (var registry = NpgsqlDataSource.Create(cluster.Database("registrydb")))
        await using (var command = registry.CreateCommand("""
            SELECT message_id, (body->>'partnerId')::uuid FROM outbox_messages
            WHERE message_type LIKE 'Iom.Contracts.Registry.PartnerRegistered,%' AND (body->>'partnerId')::uuid = ANY(@ids)
            """))
        {
            command.Parameters.AddWithValue("ids", accepted.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var published = new Dictionary<Guid, int>();
            while (await reader.ReadAsync(cancellationToken))
            {
                partnerOf[reader.GetGuid(0)] = reader.GetGuid(1);
                published[reader.GetGuid(1)] = published.GetValueOrDefault(reader.GetGuid(1)) + 1;
            }

            duplicated += published.Values.Sum(n => n - 1);
        }

        foreach (var database in Consumers)
        {
            await using var source = NpgsqlDataSource.Create(cluster.Database(database));
            await using var command = source.CreateCommand("SELECT message_id FROM inbox_messages WHERE consumer = 'PartnerRegisteredConsumer' AND message_id = ANY(@ids)");
            command.Parameters.AddWithValue("ids", partnerOf.Keys.ToArray());
            var perPartner = new Dictionary<Guid, int>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var partner = partnerOf[reader.GetGuid(0)];
                perPartner[partner] = perPartner.GetValueOrDefault(partner) + 1;
            }

            duplicated += perPartner.Values.Sum(n => Math.Max(0, n - 1));
        }

        return duplicated;
    }

    /// <summary>Rows of this stream in Registry: with a name registered twice (a retried write) and without a 201 (the caller saw an error).</summary>
    public static async Task<(int Twice, int Unanswered)> RegistryRowsAsync(Cluster cluster, string label, IReadOnlyCollection<Guid> accepted, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(cluster.Database("registrydb"));
        await using var command = source.CreateCommand("""
            SELECT (SELECT coalesce(sum(n - 1), 0)::bigint FROM (SELECT count(*) AS n FROM organizations WHERE name LIKE @label GROUP BY name) twice),
                   (SELECT count(*) FROM organizations WHERE name LIKE @label AND NOT id = ANY(@ids))
            """);
        command.Parameters.AddWithValue("label", label + " %");
        command.Parameters.AddWithValue("ids", accepted.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    private static async Task<int> CountAsync(Cluster cluster, string database, string sql, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(cluster.Database(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
