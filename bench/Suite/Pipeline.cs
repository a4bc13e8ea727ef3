using System.Diagnostics;
using System.Globalization;
using Iom.Bench.Chaos;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Iom.Bench.Suite;

internal static partial class Measures
{
    private const string RegisteredEvents = "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%PartnerRegistered%'";

    // 2. Events -----------------------------------------------------------------------------------------------------

    private static async Task EventsAsync(Run run)
    {
        var headers = Run.Bearer("registry-editor");
        const string path = "/api/registry/organizations";
        var seconds = run.Options.Smoke ? 1 : run.Seconds * 2;
        var consumers = new[] { "consultations", "campaign", "media" };
        var flow = new List<double>();
        var lag = new List<double>();
        var drain = consumers.ToDictionary(c => c, _ => new List<double>(), StringComparer.Ordinal);
        var raw = new Dictionary<string, (List<double> Flow, List<double> Drain)>(StringComparer.Ordinal) { ["classic"] = ([], []), ["quorum"] = ([], []) };
        await CatchUpAsync(run, TimeSpan.FromSeconds(120));
        var drainCpu = new CpuTally();
        var size = await WireSizeAsync(run);
        await RawRabbitAsync(run, "classic", 200, size); // warm-up: the client's first connection and channels
        for (var round = 0; round < run.Rounds; round++)
        {
            // The suite, flowing: registrations as fast as Registry takes them (direct, 16 at a time), clock from the first
            // write to the moment all three consumers have applied the last.
            var before = await run.ScalarAsync("registrydb", RegisteredEvents);
            var watch = Stopwatch.StartNew();
            await Load.WrkAsync(run.Direct("registry"), [path], headers, seconds, registrations: true, cancellationToken: run.Cancel);
            var written = watch.Elapsed;
            var count = await run.ScalarAsync("registrydb", RegisteredEvents) - before;
            await CatchUpAsync(run, TimeSpan.FromSeconds(180));
            flow.Add(count / watch.Elapsed.TotalSeconds);
            lag.Add((watch.Elapsed - written).TotalMilliseconds);

            // The suite, draining a backlog: the three consumers frozen (SIGSTOP) while registrations go out, then thawed.
            foreach (var consumer in consumers)
            {
                run.Stack.Services[consumer].Process.Freeze();
            }

            long backlog;
            try
            {
                before = await run.ScalarAsync("registrydb", RegisteredEvents);
                await Load.WrkAsync(run.Direct("registry"), [path], headers, seconds, registrations: true, cancellationToken: run.Cancel);
                backlog = await run.ScalarAsync("registrydb", RegisteredEvents) - before;
                await Await.UntilAsync("outbox sent", TimeSpan.FromSeconds(60), async _ =>
                    await run.ScalarAsync("registrydb", "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND parked_at IS NULL") == 0, TimeSpan.FromMilliseconds(20));
            }
            finally
            {
                foreach (var consumer in consumers)
                {
                    run.Stack.Services[consumer].Process.Thaw();
                }
            }

            var expected = await run.ScalarAsync("registrydb", RegisteredEvents);
            var thawed = Stopwatch.StartNew();
            var done = new Dictionary<string, double>(StringComparer.Ordinal);
            var cpuBefore = Cpu.Snapshot(run.Stack);
            Task Drained() => Await.UntilAsync("backlog drained", TimeSpan.FromSeconds(300), async _ =>
            {
                var applied = await run.AppliedAsync();
                foreach (var (database, value) in applied)
                {
                    if (value >= expected && !done.ContainsKey(database))
                    {
                        done[database] = thawed.Elapsed.TotalSeconds;
                    }
                }

                return done.Count == applied.Count;
            }, TimeSpan.FromMilliseconds(20));
            if (run.Options.Profile && round == 0)
            {
                run.Results.Detail("2 events: PostgreSQL statements while the three consumers drain the backlog (round 1)", await SqlSampler.SampleAsync(run, Drained));
            }
            else
            {
                await Drained();
            }

            drainCpu.Add(cpuBefore, Cpu.Snapshot(run.Stack), backlog);
            foreach (var consumer in consumers)
            {
                drain[consumer].Add(backlog / done[consumer + "db"]);
            }

            // Raw RabbitMQ.Client on the same broker, same message size, the same count: classic and quorum queues.
            var messages = (int)Math.Max(run.Options.Smoke ? 200 : 2000, count);
            foreach (var kind in Rotate(new[] { "classic", "quorum" }, round))
            {
                var (rawFlow, rawDrain) = await RawRabbitAsync(run, kind, messages, size);
                raw[kind].Flow.Add(rawFlow);
                raw[kind].Drain.Add(rawDrain);
            }
        }

        run.Results.Detail("2 events: CPU ms per event while the backlog drains (three consumers apply each event; all rounds)", Table(["CPU ms per event by process"], [[drainCpu.ToString()]]));
        var suiteFlow = new Samples(flow);
        foreach (var kind in new[] { "classic", "quorum" })
        {
            var ratio = new Samples(Enumerable.Range(0, run.Rounds).Select(r => flow[r] / raw[kind].Flow[r]));
            run.Results.Add(new Figure("2 events", $"committed registrations → applied in all three consumers, vs raw RabbitMQ.Client {kind} queues (fan-out to 3, {size} B, durable, confirms 32 in flight, manual acks)",
                suiteFlow.Show("0", " events/s"), new Samples(raw[kind].Flow).Show("0", " msg/s"), Ratio(ratio.Median) + $" ({F(ratio.Min, "0.000")}–{F(ratio.Max, "0.000")})", "≥ 0.5× raw", ratio.Median >= 0.5,
                kind == "classic" ? $"limited by the writes (direct, 16 concurrent); last write → applied everywhere {new Samples(lag).Show("0", " ms")}" : "the suite's consumer queues are classic in local mode, quorum in cluster mode"));
        }

        var slowest = new Samples(Enumerable.Range(0, run.Rounds).Select(r => consumers.Min(c => drain[c][r])));
        var rawDrainClassic = new Samples(raw["classic"].Drain);
        run.Results.Add(new Figure("2 events", "backlog drain, slowest of the three consumers (consumers frozen while the backlog builds)", slowest.Show("0", " events/s"),
            $"raw classic {rawDrainClassic.Show("0")} msg/s per queue, quorum {new Samples(raw["quorum"].Drain).Show("0")}", Ratio(slowest.Median / rawDrainClassic.Median), "≥ 2,000 events/s", slowest.Median >= 2000,
            string.Join("; ", consumers.Select(c => $"{c} {new Samples(drain[c]).Show("0")}"))));
    }

    /// <summary>
    /// The size on the wire of one PartnerRegistered (MassTransit's envelope as the outbox relay publishes it): a probe queue
    /// bound to the event's exchange catches the one a registration sends.
    /// </summary>
    private static async Task<int> WireSizeAsync(Run run)
    {
        var factory = new ConnectionFactory { Uri = new Uri(run.Stack.BrokerConnection), ClientProvidedName = "bench-probe" };
        await using var connection = await factory.CreateConnectionAsync(run.Cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: run.Cancel);
        var queue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: run.Cancel);
        await channel.QueueBindAsync(queue.QueueName, "Iom.Contracts.Registry:PartnerRegistered", string.Empty, cancellationToken: run.Cancel);
        await run.SendAsync(run.Request(HttpMethod.Post, run.Direct("registry"), "/api/registry/organizations", "registry-editor",
            new { name = $"Bench Probe {Guid.NewGuid():N}", type = "media-organisation", scope = "national", country = "KE", themes = new[] { "advocacy" } }));
        var size = 0;
        await Await.UntilAsync("the probe's PartnerRegistered", TimeSpan.FromSeconds(30), async ct =>
        {
            var message = await channel.BasicGetAsync(queue.QueueName, autoAck: true, ct);
            size = message?.Body.Length ?? 0;
            return message is not null;
        }, TimeSpan.FromMilliseconds(20));
        await CatchUpAsync(run, TimeSpan.FromSeconds(60));
        return size;
    }

    /// <summary>
    /// Raw RabbitMQ.Client: a fan-out exchange to three durable queues of <paramref name="kind"/>, persistent messages of
    /// <paramref name="size"/> bytes, publisher confirms with 32 in flight, three consumers with manual acks (prefetch 32).
    /// Returns messages per second from the first publish to the last ack in all three queues with consumers running, and
    /// the drain rate per queue of a backlog of the same count.
    /// </summary>
    private static async Task<(double Flow, double Drain)> RawRabbitAsync(Run run, string kind, int count, int size)
    {
        var factory = new ConnectionFactory { Uri = new Uri(run.Stack.BrokerConnection), ClientProvidedName = "bench-raw" };
        await using var connection = await factory.CreateConnectionAsync(run.Cancel);
        var confirmOptions = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: new ThrottlingRateLimiter(128)); // room above the 32 in flight: no throttling
        await using var publisher = await connection.CreateChannelAsync(confirmOptions, run.Cancel);
        var exchange = $"bench.raw.{kind}.{Guid.NewGuid():N}";
        await publisher.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: run.Cancel);
        var queues = Enumerable.Range(0, 3).Select(i => $"{exchange}.q{i.ToString(CultureInfo.InvariantCulture)}").ToArray();
        foreach (var queue in queues)
        {
            await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?>(StringComparer.Ordinal) { ["x-queue-type"] = kind }, cancellationToken: run.Cancel);
            await publisher.QueueBindAsync(queue, exchange, string.Empty, cancellationToken: run.Cancel);
        }

        var body = new byte[size];
        Array.Fill(body, (byte)'x');
        var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" };

        async Task PublishAsync()
        {
            // 32 publishers on the channel, each waiting for its confirm: 32 confirms in flight.
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < count)
                {
                    await publisher.BasicPublishAsync(exchange, string.Empty, mandatory: false, basicProperties: properties, body: body, cancellationToken: run.Cancel);
                }
            })));
        }

        async Task<double[]> ConsumeAsync(Stopwatch clock)
        {
            var finished = new double[queues.Length];
            var channels = new List<IChannel>();
            var tasks = new List<Task>();
            for (var i = 0; i < queues.Length; i++)
            {
                var channel = await connection.CreateChannelAsync(cancellationToken: run.Cancel);
                channels.Add(channel);
                await channel.BasicQosAsync(0, 32, false, run.Cancel);
                var received = 0;
                var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var index = i;
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += async (_, delivery) =>
                {
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
                    if (Interlocked.Increment(ref received) == count)
                    {
                        finished[index] = clock.Elapsed.TotalSeconds;
                        completion.TrySetResult();
                    }
                };
                await channel.BasicConsumeAsync(queues[i], autoAck: false, consumer, run.Cancel);
                tasks.Add(completion.Task);
            }

            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(300), run.Cancel);
            foreach (var channel in channels)
            {
                await channel.CloseAsync(run.Cancel);
                channel.Dispose();
            }

            return finished;
        }

        // Flowing: consumers first, then the publishes; clock from the first publish.
        var flowClock = new Stopwatch();
        var consuming = ConsumeAsync(flowClock);
        await Task.Delay(200, run.Cancel);
        flowClock.Start();
        await PublishAsync();
        var flowTimes = await consuming;
        var flow = count / flowTimes.Max();

        // Backlog: publish everything, then start the consumers.
        await PublishAsync();
        var drainClock = Stopwatch.StartNew();
        var drainTimes = await ConsumeAsync(drainClock);
        var drain = count / drainTimes.Max();

        foreach (var queue in queues)
        {
            await publisher.QueueDeleteAsync(queue, cancellationToken: run.Cancel);
        }

        await publisher.ExchangeDeleteAsync(exchange, cancellationToken: run.Cancel);
        return (flow, drain);
    }

    // 4. Freshness --------------------------------------------------------------------------------------------------

    private static async Task FreshnessAsync(Run run)
    {
        var rate = run.Options.Smoke ? 5.0 : 20.0;
        var seconds = run.Options.Smoke ? 2.0 : Math.Max(20.0, 60.0 / run.Rounds);
        var alone = run.Options.Smoke ? 3 : 10;
        var steady = new List<double>();
        var steadyP99 = new List<double>();
        var single = new List<double>();
        var missing = 0;
        for (var round = 0; round < run.Rounds; round++)
        {
            foreach (var mode in Rotate(new[] { "steady", "alone" }, round))
            {
                var n = mode == "steady" ? (int)(rate * seconds) : alone;
                var testimonies = await run.SubmitTestimoniesAsync(n);
                await using var stream = await run.OpenStreamAsync();
                await Task.Delay(300, run.Cancel);
                var started = new Dictionary<Guid, long>();
                var announced = new List<(Guid StoryId, long At)>();
                if (mode == "steady")
                {
                    // Approvals paced at the rate (open loop: each goes out at its time, whatever the earlier ones do).
                    var clock = Stopwatch.StartNew();
                    var sends = new List<Task>();
                    var gate = new Lock();
                    for (var i = 0; i < testimonies.Count; i++)
                    {
                        var due = TimeSpan.FromSeconds(i / rate);
                        if (clock.Elapsed < due)
                        {
                            await Task.Delay(due - clock.Elapsed, run.Cancel);
                        }

                        var testimony = testimonies[i];
                        lock (gate)
                        {
                            started[testimony] = Stopwatch.GetTimestamp();
                        }

                        sends.Add(run.ApproveAsync(testimony));
                    }

                    await Task.WhenAll(sends);
                    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    try
                    {
                        while (announced.Count < testimonies.Count)
                        {
                            announced.Add(await stream.Announced.Reader.ReadAsync(deadline.Token));
                        }
                    }
                    catch (OperationCanceledException) when (!run.Cancel.IsCancellationRequested)
                    {
                    }
                }
                else
                {
                    // One at a time: the next approval only after the previous story was announced.
                    foreach (var testimony in testimonies)
                    {
                        started[testimony] = Stopwatch.GetTimestamp();
                        await run.ApproveAsync(testimony);
                        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                        announced.Add(await stream.Announced.Reader.ReadAsync(deadline.Token));
                        await Task.Delay(50, run.Cancel);
                    }
                }

                var sources = await run.StorySourcesAsync([.. announced.Select(a => a.StoryId)]);
                var latencies = announced
                    .Where(a => sources.TryGetValue(a.StoryId, out var t) && started.ContainsKey(t))
                    .Select(a => Stopwatch.GetElapsedTime(started[sources[a.StoryId]], a.At).TotalMilliseconds)
                    .ToList();
                if (mode == "steady")
                {
                    steady.AddRange(latencies);
                    steadyP99.Add(new Samples(latencies).Percentile(0.99));
                    missing += testimonies.Count - latencies.Count;
                }
                else
                {
                    single.AddRange(latencies);
                }
            }
        }

        var all = new Samples(steady);
        var one = new Samples(single);
        run.Results.Add(new Figure("4 freshness", $"approved in Campaign → announced in the journalist feed, at a steady {rate:0} approvals/s ({run.Rounds} × {seconds:0} s, {steady.Count} samples)",
            $"p50 {F(all.Median)} ms, p99 {F(all.Percentile(0.99))} ms (round p99s {F(new Samples(steadyP99).Min)}–{F(new Samples(steadyP99).Max)})",
            $"one at a time ({single.Count}): p50 {F(one.Median)}, p99 {F(one.Percentile(0.99))} ms", "–", "p99 ≤ 50 ms", all.Percentile(0.99) <= 50,
            missing == 0 ? "every approval announced" : $"{missing} approvals not announced within 30 s"));
        run.Results.Series.Add(new Series("freshness: latency percentiles", "steady", "percentile", "ms",
            [.. new[] { 50.0, 75, 90, 95, 99 }.Select(p => (p, all.Percentile(p / 100)))], LogX: false));
        run.Results.Series.Add(new Series("freshness: latency percentiles", "one at a time", "percentile", "ms",
            [.. new[] { 50.0, 75, 90, 95, 99 }.Select(p => (p, one.Percentile(p / 100)))], LogX: false));
    }

    // 6. Search at scale --------------------------------------------------------------------------------------------

    private static readonly string[] SearchQueries =
    [
        "q=Refugess%20Internatinal", "q=Migrant%20Health", "q=ICVA", "q=care", "q=Climate%20Mobility&country=KE", "country=KE",
        "region=Africa&theme=migration-health", "type=ngo&status=active", "observer=true", string.Empty,
    ];

    private static async Task SearchAsync(Run run)
    {
        var paths = SearchQueries.Select(q => "/api/registry/organizations?" + (q.Length == 0 ? string.Empty : q + "&") + "limit=25").ToList();
        var headers = Run.Bearer("registry-editor");
        var targets = new[] { "gateway", "direct" };
        var rows = new List<string[]>();
        var points = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal) { ["gateway p50"] = [], ["gateway p95"] = [], ["gateway p99"] = [], ["direct p95"] = [] };
        Samples? largest = null;
        foreach (var size in run.Options.Sizes.Order())
        {
            var watch = Stopwatch.StartNew();
            await using (var truncate = run.Database("registrydb").CreateCommand("TRUNCATE organizations CASCADE; TRUNCATE search_words"))
            {
                await truncate.ExecuteNonQueryAsync(run.Cancel);
            }

            await OrganizationSeed.SeedAsync(run.Stack.DatabaseConnection("registrydb"), size);
            var seeded = watch.Elapsed;
            if (!run.Options.Smoke)
            {
                await Load.WrkAsync(run.GatewayAddress, paths, headers, 3, cancellationToken: run.Cancel);
            }

            var loads = targets.ToDictionary(t => t, _ => new List<LoadResult>());
            for (var round = 0; round < run.Rounds; round++)
            {
                foreach (var target in Rotate(targets, round))
                {
                    loads[target].Add(await Load.WrkAsync(target == "gateway" ? run.GatewayAddress : run.Direct("registry"), paths, headers, run.Seconds, cancellationToken: run.Cancel));
                }
            }

            foreach (var target in targets)
            {
                var l = loads[target];
                rows.Add([size.ToString("#,0", CultureInfo.InvariantCulture), target, new Samples(l.Select(x => x.RequestsPerSecond)).Show("0"), new Samples(l.Select(x => x.P50)).Show("0.0"),
                    new Samples(l.Select(x => x.P95)).Show("0.0"), new Samples(l.Select(x => x.P99)).Show("0.0"), l.Sum(x => x.Errors).ToString(CultureInfo.InvariantCulture), $"{seeded.TotalSeconds:0}"]);
            }

            points["gateway p50"].Add((size, new Samples(loads["gateway"].Select(x => x.P50)).Median));
            points["gateway p95"].Add((size, new Samples(loads["gateway"].Select(x => x.P95)).Median));
            points["gateway p99"].Add((size, new Samples(loads["gateway"].Select(x => x.P99)).Median));
            points["direct p95"].Add((size, new Samples(loads["direct"].Select(x => x.P95)).Median));
            largest = new Samples(loads["gateway"].Select(x => x.P95));
            run.Results.Add(new Figure("6 search", $"{size:#,0} organisations: p50 / p95 / p99 through the gateway, 16 concurrent callers, 10 queries in turn",
                $"{new Samples(loads["gateway"].Select(x => x.P50)).Show("0")} / {largest.Show("0")} / {new Samples(loads["gateway"].Select(x => x.P99)).Show("0")} ms",
                $"direct p95 {new Samples(loads["direct"].Select(x => x.P95)).Show("0")} ms", Ratio(new Samples(loads["gateway"].Select(x => x.RequestsPerSecond)).Median / new Samples(loads["direct"].Select(x => x.RequestsPerSecond)).Median) + " req/s",
                size >= 1_000_000 ? "p95 ≤ 50 ms at 1M" : "(goal is at 1M)", size >= 1_000_000 ? largest.Median <= 50 : null,
                $"{new Samples(loads["gateway"].Select(x => x.RequestsPerSecond)).Show("0")} req/s; seeded in {seeded.TotalSeconds:0} s"));
        }

        foreach (var (name, curve) in points)
        {
            run.Results.Series.Add(new Series("registry search by organisations (16 callers)", name, "organisations", "ms", curve, LogX: true));
        }

        run.Results.Detail("6 search at scale (10 queries in turn: typo, two-word, acronym, one word, word + country, country, region + theme, type + status, observers, no filter)",
            Table(["organisations", "target", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "seed s"], rows));
    }
}
