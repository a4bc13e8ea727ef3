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

        // More attempts than the standard retry's 1 + 5: with it alone, these messages would be in the error queue now.
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
