using Iom.Messaging.Inbox;
using Iom.TestSupport;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Xunit;

namespace Iom.Messaging.Tests;

[Collection(DoomedWidgets.Name)]
public sealed class InboxTests : IAsyncLifetime
{
    private ServerConnections servers = null!;
    private string database = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = TestDatabase.NewConnectionString(servers.Postgres, "inbox");
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(database);

    [Fact]
    public async Task A_message_delivered_twice_has_one_effect()
    {
        var prefix = $"m{Guid.NewGuid():N}"[..10];
        await using var host = await MessagingHost.StartAsync(servers, database, prefix);
        await using var bus = await TestBus.StartAsync(servers.RabbitMq);
        var id = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        await bus.PublishAsync(new WidgetCreated(id, "twice"), messageId);
        await bus.PublishAsync(new WidgetCreated(id, "twice"), messageId);
        var marker = Guid.NewGuid();
        await bus.PublishAsync(new WidgetCreated(marker, "marker"));
        // Messages are consumed concurrently: the marker may be applied before the first copy commits, so wait for both.
        await Eventually.TrueAsync(() => host.WithDbAsync(db => db.Seen.AnyAsync(s => s.WidgetId == marker)));
        await Eventually.TrueAsync(() => host.WithDbAsync(db => db.Seen.AnyAsync(s => s.WidgetId == id)));

        Assert.Equal(1, await host.WithDbAsync(db => db.Seen.CountAsync(s => s.WidgetId == id)));
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task A_consumer_that_throws_is_retried_then_sent_to_the_error_queue_with_nothing_recorded_and_can_be_replayed()
    {
        var prefix = $"m{Guid.NewGuid():N}"[..10];
        // Durable queues here, as in production: a temporary endpoint's error queue is exclusive to its connection.
        await using var host = await MessagingHost.StartAsync(servers, database, prefix, temporaryQueues: false);
        await using var bus = await TestBus.StartAsync(servers.RabbitMq);
        var id = Guid.NewGuid();
        WidgetDoomedConsumer.Broken[id] = true;
        var queue = new KebabCaseEndpointNameFormatter(prefix, false).Consumer<WidgetDoomedConsumer>();

        var messageId = await bus.PublishAsync(new WidgetDoomed(id));

        var factory = new ConnectionFactory { Uri = new Uri(servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        async Task<uint> MessagesIn(string name)
        {
            // A passive declare of a missing queue closes its channel: one channel per look.
            await using var channel = await connection.CreateChannelAsync();
            return (await channel.QueueDeclarePassiveAsync(name)).MessageCount;
        }

        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await MessagesIn(queue + "_error") == 1;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                return false; // not declared yet
            }
        }, TimeSpan.FromSeconds(30), "the message in the error queue");

        // One first try and two retries, each rolled back: no effect and no inbox row survived.
        Assert.Equal(3, WidgetDoomedConsumer.Attempts[id]);
        Assert.False(await host.WithDbAsync(db => db.Seen.AnyAsync(s => s.WidgetId == id)));
        Assert.False(await host.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId)));
        Assert.Equal(0u, await MessagesIn(queue));

        // Once the fault is fixed, operations replay the error queue and the message takes effect, once.
        WidgetDoomedConsumer.Broken.TryRemove(id, out _);
        var replay = new ErrorQueues.ErrorQueueReplay(servers.RabbitMq);
        Assert.Equal(1u, await replay.CountAsync(queue, CancellationToken.None));
        Assert.Equal(1, await replay.ReplayAsync(queue, 100, CancellationToken.None));
        await Eventually.TrueAsync(() => host.WithDbAsync(db => db.Seen.AnyAsync(s => s.WidgetId == id)));
        Assert.Equal(0u, await replay.CountAsync(queue, CancellationToken.None));
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId)));
        Assert.Contains(queue, host.Host.Services.GetRequiredService<ErrorQueues.ConsumerQueues>().Names);
    }
}
