using System.Diagnostics;
using Iom.Messaging.ErrorQueues;
using Iom.Messaging.Outbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Iom.Messaging.Tests;

/// <summary>
/// The broker or the database taken away from one host (a TCP proxy in front of the shared test servers is cut) and
/// given back: nothing is parked, nothing lands in an error queue, and everything flows again within seconds.
/// </summary>
public sealed class FaultRecoveryTests : IAsyncLifetime
{
    private ServerConnections servers = null!;
    private string database = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = TestDatabase.NewConnectionString(servers.Postgres, "faults");
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(database);

    private static string Prefix() => $"f{Guid.NewGuid():N}"[..10];

    [Fact]
    public async Task When_the_broker_returns_the_relay_and_the_consumers_are_back_within_seconds_with_nothing_parked()
    {
        var broker = new Uri(servers.RabbitMq);
        await using var proxy = TcpProxy.Start(broker.Host, broker.Port);
        var viaProxy = servers with { RabbitMq = new UriBuilder(broker) { Port = proxy.Port }.Uri.ToString() };
        // Durable queues, as in production: a temporary (auto-delete) queue goes with the cut connection, and what the
        // relay publishes before the consumer has declared it again would reach no queue.
        await using var host = await MessagingHost.StartAsync(viaProxy, database, Prefix(), temporaryQueues: false,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:MaxAttempts"] = "2" });
        var telemetry = host.Host.Services.GetRequiredService<MessagingTelemetry>();

        proxy.Cut();
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        await host.WithDbAsync(async db =>
        {
            foreach (var id in ids)
            {
                db.StageEvent(new WidgetCreated(id, "during the outage"));
            }

            return await db.SaveChangesAsync();
        });
        // An outage long enough for several failing relay passes (more than MaxAttempts) and a consumer reconnect cycle.
        await Eventually.TrueAsync(() => Task.FromResult(telemetry.OldestUnsentAgeSeconds > 6), TimeSpan.FromSeconds(30), "the relay reporting a 6 s backlog");

        proxy.Restore();
        var back = Stopwatch.StartNew();
        await Eventually.TrueAsync(
            async () => await host.WithDbAsync(db => db.Seen.AnyAsync(s => ids.Contains(s.WidgetId))),
            TimeSpan.FromSeconds(40), "the first event applied after the broker's return");
        var flowing = back.Elapsed;
        await Eventually.TrueAsync(
            async () => await host.WithDbAsync(db => db.Seen.CountAsync(s => ids.Contains(s.WidgetId))) == ids.Count,
            TimeSpan.FromSeconds(30), "all 20 events applied by the consumer");

        Console.WriteLine($"broker back → first event applied {flowing.TotalSeconds:0.0} s, all 20 after {back.Elapsed.TotalSeconds:0.0} s");
        // Goal ≤ 5 s: 0.9 s measured alone (2026-12-03), 5.2 s with the machine at load 20; MassTransit's own policy
        // (3 s doubling to 30 s) took 6.0 s after this short outage and up to 30 s after long ones. 10 s keeps CI honest.
        Assert.True(flowing < TimeSpan.FromSeconds(10), $"broker back → events flowing took {flowing.TotalSeconds:0.0} s (all applied after {back.Elapsed.TotalSeconds:0.0} s)");
        Assert.Equal(0, await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.ParkedAt != null)));
    }

    [Fact]
    public async Task A_consumer_whose_database_is_away_pauses_instead_of_using_the_error_queue_and_applies_everything_when_it_returns()
    {
        var target = new NpgsqlConnectionStringBuilder(database);
        await using var proxy = TcpProxy.Start(target.Host!, target.Port);
        var consumerDatabase = new NpgsqlConnectionStringBuilder(database) { Port = proxy.Port, Timeout = 3 }.ConnectionString;
        var prefix = Prefix();
        await using var consumer = await MessagingHost.StartAsync(servers, consumerDatabase, prefix);
        await using var producer = await MessagingHost.StartAsync(servers, database, prefix + "p", withConsumers: false);
        var queue = consumer.Host.Services.GetRequiredService<ConsumerQueues>().Names.Single(n => n.EndsWith("widget-counted", StringComparison.Ordinal));
        var errors = consumer.Host.Services.GetRequiredService<ErrorQueueReplay>();

        proxy.Cut();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await producer.WithDbAsync(async db =>
        {
            foreach (var id in ids)
            {
                db.StageEvent(new WidgetCounted(id));
            }

            return await db.SaveChangesAsync();
        });

        // More attempts than the standard retry's 1 + 2 here (1 + 5 by default): with it alone, these would be in the error queue now.
        await Eventually.TrueAsync(
            () => Task.FromResult(ids.All(id => WidgetCountedConsumer.Attempts.GetValueOrDefault(id) >= 7)),
            TimeSpan.FromSeconds(60), "seven attempts of each message while the database is away");
        Assert.Equal(0u, await errors.CountAsync(queue, CancellationToken.None));

        proxy.Restore();
        await Eventually.TrueAsync(
            async () => await producer.WithDbAsync(db => db.Seen.CountAsync(s => ids.Contains(s.WidgetId))) == ids.Count,
            TimeSpan.FromSeconds(15), "all five applied once the database is back");
        Assert.Equal(0u, await errors.CountAsync(queue, CancellationToken.None));
        Assert.Equal(ids.Count, await producer.WithDbAsync(db => db.Seen.CountAsync(s => ids.Contains(s.WidgetId))));
    }
}
