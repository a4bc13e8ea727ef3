using System.Diagnostics;
using Npgsql;

namespace Iom.Bench.Chaos;

/// <summary>
/// Which accepted writes each consumer has applied, read from the consumers' own databases (their partner read models,
/// table partners) by SQL: every accepted partner id stays pending for a consumer until a poll finds its row there.
/// </summary>
internal sealed class Observer : IAsyncDisposable
{
    public static readonly string[] ConsumerDatabases = ["consultationsdb", "campaigndb", "mediadb"];

    private readonly Dictionary<string, NpgsqlDataSource> sources;
    private readonly Dictionary<string, HashSet<Guid>> pending;
    private readonly Dictionary<Guid, long> acceptedAt = [];
    private readonly Lock gate = new();

    public Observer(Suite suite)
    {
        sources = ConsumerDatabases.ToDictionary(d => d, d => NpgsqlDataSource.Create(suite.ObserverConnection(d)));
        pending = ConsumerDatabases.ToDictionary(d => d, _ => new HashSet<Guid>());
    }

    public string? LastError { get; private set; }

    public void Add(Accepted write)
    {
        lock (gate)
        {
            acceptedAt[write.PartnerId] = write.At;
            foreach (var set in pending.Values)
            {
                set.Add(write.PartnerId);
            }
        }
    }

    /// <summary>Looks once in every consumer's database; a database that does not answer keeps its ids pending.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var (database, source) in sources)
        {
            Guid[] ids;
            lock (gate)
            {
                ids = [.. pending[database]];
            }

            if (ids.Length == 0)
            {
                continue;
            }

            try
            {
                var found = new List<Guid>();
                await using var command = source.CreateCommand("""SELECT "Id" FROM partners WHERE "Id" = ANY(@ids) AND "Name" <> 'Partner organisation'""");
                command.Parameters.AddWithValue("ids", ids);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add(reader.GetGuid(0));
                }

                lock (gate)
                {
                    pending[database].ExceptWith(found);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LastError = $"{database}: {ex.GetType().Name}: {ex.Message}";
            }
        }
    }

    /// <summary>Per consumer, how many writes accepted before <paramref name="before"/> (ticks) it has not applied yet.</summary>
    public Dictionary<string, int> PendingBefore(long before)
    {
        lock (gate)
        {
            return pending.ToDictionary(p => p.Key, p => p.Value.Count(id => acceptedAt[id] <= before));
        }
    }

    /// <summary>Whether some write accepted after <paramref name="after"/> is applied in every consumer.</summary>
    public bool AnyAppliedEverywhereAfter(long after)
    {
        lock (gate)
        {
            return acceptedAt.Any(a => a.Value > after && pending.Values.All(set => !set.Contains(a.Key)));
        }
    }

    /// <summary>Accepted partner ids not applied in at least one consumer, and where they are missing.</summary>
    public (int Missing, string Where) Missing()
    {
        lock (gate)
        {
            var missing = pending.Values.SelectMany(s => s).Distinct().Count();
            return (missing, string.Join(", ", pending.Where(p => p.Value.Count > 0).Select(p => $"{p.Key} {p.Value.Count}")));
        }
    }

    public int AcceptedCount
    {
        get
        {
            lock (gate)
            {
                return acceptedAt.Count;
            }
        }
    }

    public IReadOnlyCollection<Guid> AcceptedIds()
    {
        lock (gate)
        {
            return [.. acceptedAt.Keys];
        }
    }

    /// <summary>Polls until every accepted write is applied everywhere, or the deadline passes (then false).</summary>
    public async Task<bool> WaitAllAppliedAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await PollAsync(cancellationToken);
            if (Missing().Missing == 0)
            {
                return true;
            }

            if (watch.Elapsed > deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in sources.Values)
        {
            await source.DisposeAsync();
        }
    }
}
