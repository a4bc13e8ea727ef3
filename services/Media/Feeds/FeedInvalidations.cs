using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>
/// What this replica holds in process for the feed path — which keys are valid and the feed generation — and the
/// Redis pub/sub channel ("media:feed-invalidations") that keeps it true on every replica, so that a cached feed
/// request needs no round trip at all.
/// <para>
/// A change (a key revoked, suspended, reinstated; the feeds evicted) is written to Redis first, then dropped here,
/// then announced; every replica applies the announcement and acknowledges it, and the announcing call returns once
/// every replica that received it has applied it (at most <see cref="AckTimeout"/>). So when a revocation's API call
/// answers, no replica accepts the key any more.
/// </para>
/// <para>
/// Local answers are only used while the channel is known to be alive: each replica publishes a heartbeat
/// (Media:Feeds:HeartbeatInterval, 1 s) and stops trusting its state when it has heard nothing for
/// Media:Feeds:SilenceLimit (3 s), or when the multiplexer reports a failed or restored connection (messages may have
/// been lost). Until it has heard the channel again, re-read the generation and dropped every key, it answers from
/// Redis. A key learnt from Redis or PostgreSQL is only kept if no invalidation happened meanwhile
/// (<see cref="KeyEpoch"/>), so a lookup that raced a revocation cannot bring the key back.
/// </para>
/// <para>
/// Longer than 300 lines on purpose: one protocol (local state, announcements, acknowledgements, heartbeat, catch-up)
/// whose fields are read and written together under one lock; split, its invariants would span files.
/// </para>
/// </summary>
public sealed partial class FeedInvalidations(
    IConnectionMultiplexer redis, RedisGuard guard, PostgresGeneration store, RedisNames names, TimeProvider clock, IOptions<FeedInvalidationSettings> settings,
    IMeterFactory meters, ILogger<FeedInvalidations> logger) : BackgroundService
{
    public const string MeterName = "Iom.Media.Feeds";

    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Refused keys held at most (rotating random keys must not grow memory without bound).</summary>
    private const int MaxRefusedKeys = 100_000;

    private readonly TimeSpan heartbeatEvery = settings.Value.HeartbeatInterval;
    private readonly TimeSpan silenceLimit = settings.Value.SilenceLimit;
    private readonly RedisChannel channel = RedisChannel.Literal(names.Prefix + "feed-invalidations");
    /// <summary>By the raw key as the client sent it (so the hot path hashes nothing); dropped by the key's hash.</summary>
    private readonly ConcurrentDictionary<string, LocalKey> keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Acks> waiting = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long generation;
    private long keyEpoch;
    private long lastHeard = long.MinValue / 2;
    private volatile bool synced;
    private int refusedHeld;

    // Marks on one counter: a generation announcement that failed, and the start of the last one that succeeded. A
    // success that started after the last failure read PostgreSQL after that change's commit, so it covered it.
    private long marks;
    private long lastFailure;
    private long lastSuccessStart;
    private readonly ConcurrentQueue<Func<Task>> retries = new();

    // IMeterFactory returns the same Meter for the same name: the counter here, the gauge when the service starts.
    private readonly Counter<long> unacknowledged = meters.Create(MeterName).CreateCounter<long>(
        "iom.media.feed.invalidations_unacknowledged", unit: "{announcement}",
        description: "Feed invalidations (key revocations, feed changes) not acknowledged by every replica within 2 s.");

    private sealed record LocalKey(string HashHex, FeedCaller? Caller, long Expires);

    /// <summary>
    /// Whether the local state may answer: synced since the last trouble, every committed feed change announced, and
    /// the channel heard recently.
    /// </summary>
    public bool Trusted => synced && Announced && Since(Interlocked.Read(ref lastHeard)) < silenceLimit;

    private bool Announced => Interlocked.Read(ref lastSuccessStart) > Interlocked.Read(ref lastFailure);

    /// <summary>The feed generation this replica knows (only meaningful while <see cref="Trusted"/>).</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>Read before a lookup whose answer will be kept with <see cref="RememberKey"/>.</summary>
    public long KeyEpoch => Interlocked.Read(ref keyEpoch);

    /// <summary>
    /// The key's answer held here: true with the caller (null = refused), false when not held. A valid answer is only
    /// used while the state is trusted; a refusal (unknown, revoked, suspended key) also when it is not — failing closed
    /// costs a key reinstated meanwhile at most a minute, and a key known to be bad costs no database query.
    /// </summary>
    public bool TryGetKey(string key, out FeedCaller? caller)
    {
        caller = null;
        if (!keys.TryGetValue(key, out var entry) || entry.Expires < clock.GetTimestamp() || (entry.Caller is not null && !Trusted))
        {
            return false;
        }

        caller = entry.Caller;
        return true;
    }

    /// <summary>Keeps a key's answer, unless an invalidation happened since <paramref name="epoch"/> was read.</summary>
    public void RememberKey(string key, string hashHex, FeedCaller? caller, long epoch)
    {
        lock (gate)
        {
            if (caller is null && refusedHeld >= MaxRefusedKeys)
            {
                var now = clock.GetTimestamp();
                foreach (var entry in keys)
                {
                    if (entry.Value.Expires < now)
                    {
                        keys.TryRemove(entry.Key, out _);
                    }
                }

                refusedHeld = keys.Count(k => k.Value.Caller is null);
            }

            if (keyEpoch == epoch && (caller is not null || refusedHeld < MaxRefusedKeys))
            {
                if (caller is null)
                {
                    refusedHeld++;
                }

                keys[key] = new LocalKey(hashHex, caller, clock.GetTimestamp() + (long)(KeyLifetime.TotalSeconds * clock.TimestampFrequency));
            }
        }
    }

    /// <summary>Drops keys here only (the caller announces with <see cref="KeysChangedAsync"/> once Redis is written).</summary>
    public void DropKeys(IReadOnlyCollection<string> hashHexes)
    {
        var dropped = hashHexes.ToHashSet(StringComparer.Ordinal);
        lock (gate)
        {
            keyEpoch++;
            foreach (var entry in keys)
            {
                if (dropped.Contains(entry.Value.HashHex))
                {
                    keys.TryRemove(entry.Key, out _);
                }
            }
        }
    }

    /// <summary>After a key change is in Redis: drop it here (again: a lookup may have raced the write), then on every replica.</summary>
    public Task KeysChangedAsync(IReadOnlyCollection<string> hashHexes)
    {
        DropKeys(hashHexes);
        return AnnounceAsync('k', string.Join(',', hashHexes));
    }

    /// <summary>
    /// After the commit of a change to the feeds (PostgreSQL raised its generation in that transaction): reads the
    /// generation, takes it here and announces it to every replica. If that fails (Redis away), this replica stops
    /// answering from memory and the announcement is retried with every heartbeat until it succeeds.
    /// </summary>
    public async Task PublishGenerationAsync()
    {
        var start = Interlocked.Increment(ref marks);
        try
        {
            var current = await store.ReadAsync(CancellationToken.None);
            RaiseGeneration(current);
            await AnnounceAsync('g', current.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Raise(ref lastSuccessStart, start);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Exchange(ref lastFailure, Interlocked.Increment(ref marks));
            LogAnnouncementFailed(logger, ex);
        }
    }

    /// <summary>Work after a commit that must reach Redis (a key blocked): retried with every heartbeat until it succeeds.</summary>
    public void RetryUntilDone(Func<Task> work) => retries.Enqueue(work);

    /// <summary>Redis failed on this replica: announcements may have been missed; answer from Redis/PostgreSQL until synced again.</summary>
    public void Distrust() => synced = false;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += OnConnectionTrouble;
        redis.ConnectionRestored += OnConnectionTrouble;
        guard.Trouble += Distrust;
        Interlocked.Exchange(ref lastSuccessStart, Interlocked.Increment(ref marks));
        meters.Create(MeterName).CreateObservableGauge("iom.media.feed.memory_trusted", () => Trusted ? 1 : 0, unit: "{state}",
            description: "1 while this replica answers feed requests from memory; 0 while it reads Redis (channel silent or reconnecting).");
        try
        {
            // Redis may be away at start: the subscription is retried with each heartbeat (the client re-subscribes after reconnects).
            var subscriber = redis.GetSubscriber();
            var subscribed = false;
            using var timer = new PeriodicTimer(heartbeatEvery, clock);
            do
            {
                await CatchUpAsync(stoppingToken);
                try
                {
                    if (!subscribed)
                    {
                        await subscriber.SubscribeAsync(channel, (_, message) => Apply(message)).WaitAsync(AckTimeout, clock);
                        subscribed = true;
                        Interlocked.Exchange(ref lastHeard, clock.GetTimestamp()); // the subscription is confirmed: the channel is alive
                    }

                    await subscriber.PublishAsync(channel, "p").WaitAsync(AckTimeout, clock);
                    if (!synced && Since(Interlocked.Read(ref lastHeard)) < silenceLimit)
                    {
                        await SyncAsync();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    synced = false;
                    LogHeartbeatFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionTrouble;
            redis.ConnectionRestored -= OnConnectionTrouble;
            guard.Trouble -= Distrust;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        synced = false;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(channel).WaitAsync(AckTimeout, clock);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is away: the subscription goes with the connection.
        }
    }

    private TimeSpan Since(long timestamp) => clock.GetElapsedTime(timestamp);

    private void OnConnectionTrouble(object? sender, ConnectionFailedEventArgs e) => synced = false;

    /// <summary>
    /// Each heartbeat: a feed change committed anywhere whose announcement never came (its replica lost Redis or died
    /// after the commit) is found in PostgreSQL and announced from here; failed announcements and key blocks are retried.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!Announced || await store.ReadAsync(stoppingToken) > Generation)
            {
                await PublishGenerationAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogCatchUpFailed(logger, ex);
        }

        for (var pending = retries.Count; pending > 0 && retries.TryDequeue(out var work); pending--)
        {
            try
            {
                await work();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                retries.Enqueue(work);
                LogCatchUpFailed(logger, ex);
                break;
            }
        }
    }

    /// <summary>
    /// Catches up with what announcements may have carried while the channel was not trusted: drops every key held
    /// and takes the generation from PostgreSQL (the truth, raised at each change's commit).
    /// </summary>
    private async Task SyncAsync()
    {
        lock (gate)
        {
            keyEpoch++;
            keys.Clear();
            refusedHeld = 0;
        }

        RaiseGeneration(await store.ReadAsync(CancellationToken.None));
        synced = retries.IsEmpty;
    }

    /// <summary>Publishes "{kind}:{id}:{payload}" and waits until every replica that received it has acknowledged.</summary>
    private async Task AnnounceAsync(char kind, string payload)
    {
        var id = Guid.NewGuid().ToString("N");
        var acks = new Acks();
        waiting[id] = acks;
        try
        {
            long receivers;
            try
            {
                receivers = await redis.GetSubscriber().PublishAsync(channel, $"{kind}:{id}:{payload}").WaitAsync(AckTimeout, clock);
            }
            catch (TimeoutException ex)
            {
                throw new RedisException("The announcement was not published in time.", ex);
            }

            acks.Expect(receivers);
            await acks.Done.WaitAsync(AckTimeout, clock);
        }
        catch (TimeoutException) when (acks.Expected != long.MaxValue)
        {
            // A replica that does not answer stops trusting its own state once the channel has been silent long enough.
            unacknowledged.Add(1);
            LogUnacknowledged(logger, acks.Received, acks.Expected, kind);
        }
        finally
        {
            waiting.TryRemove(id, out _);
        }
    }

    private void Apply(RedisValue message)
    {
        Interlocked.Exchange(ref lastHeard, clock.GetTimestamp());
        var text = message.ToString();
        if (text.Length < 2 || text[1] != ':')
        {
            return; // heartbeat
        }

        var parts = text.Split(':', 3);
        if (parts[0] == "a")
        {
            if (waiting.TryGetValue(parts[1], out var acks))
            {
                acks.Add();
            }

            return;
        }

        if (parts.Length != 3)
        {
            return;
        }

        if (parts[0] == "k")
        {
            DropKeys(parts[2].Split(','));
        }
        else if (parts[0] == "g" && long.TryParse(parts[2], out var announced))
        {
            RaiseGeneration(announced);
        }
        else
        {
            return;
        }

        redis.GetSubscriber().Publish(channel, "a:" + parts[1], CommandFlags.FireAndForget);
    }

    private static void Raise(ref long field, long value)
    {
        var seen = Interlocked.Read(ref field);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref field, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }

    private void RaiseGeneration(long value)
    {
        var seen = Interlocked.Read(ref generation);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref generation, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }

    /// <summary>Acknowledgements of one announcement; the count expected is known only once PUBLISH answers.</summary>
    private sealed class Acks
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int received;
        private long expected = long.MaxValue;

        public Task Done => done.Task;

        public int Received => Volatile.Read(ref received);

        public long Expected => Interlocked.Read(ref expected);

        public void Add()
        {
            if (Interlocked.Increment(ref received) >= Expected)
            {
                done.TrySetResult();
            }
        }

        public void Expect(long receivers)
        {
            Interlocked.Exchange(ref expected, receivers);
            if (Received >= receivers)
            {
                done.TrySetResult();
            }
        }
    }

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Feed invalidation heartbeat failed; feed requests read Redis until the channel is heard again")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "A feed change could not be announced; this replica reads PostgreSQL until the announcement succeeds (retried each heartbeat)")]
    private static partial void LogAnnouncementFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Catching up feed changes failed; retried with the next heartbeat")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Feed invalidation '{Kind}' acknowledged by {Received} of {Expected} replicas within the timeout; the others fall back to Redis once the channel is silent")]
    private static partial void LogUnacknowledged(ILogger logger, int received, long expected, char kind);
}
