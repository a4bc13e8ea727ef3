using System.Diagnostics;
using Iom.Messaging.Outbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Messaging.Tests;

public sealed class OutboxTests : IAsyncLifetime
{
    private ServerConnections servers = null!;
    private string database = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = TestDatabase.NewConnectionString(servers.Postgres, "outbox");
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(database);

    private static string Prefix() => $"m{Guid.NewGuid():N}"[..10];

    [Fact]
    public async Task The_business_row_and_its_outbox_row_commit_together()
    {
        await using var host = await MessagingHost.StartAsync(servers, database, Prefix(), withConsumers: false);
        var id = Guid.NewGuid();

        var messageId = await host.WithDbAsync(async db =>
        {
            db.Widgets.Add(new Widget { Id = id, Name = $"w-{id}" });
            var staged = db.StageEvent(new WidgetCreated(id, "w"));
            await db.SaveChangesAsync();
            return staged.MessageId;
        });

        Assert.True(await host.WithDbAsync(db => db.Widgets.AnyAsync(w => w.Id == id)));
        Assert.True(await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_business_row_nor_the_outbox_row()
    {
        await using var host = await MessagingHost.StartAsync(servers, database, Prefix(), withConsumers: false);
        var name = $"unique-{Guid.NewGuid():N}";
        await host.WithDbAsync(async db =>
        {
            db.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = name });
            return await db.SaveChangesAsync();
        });
        var outboxBefore = await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync());

        var duplicateId = Guid.NewGuid();
        await Assert.ThrowsAsync<DbUpdateException>(() => host.WithDbAsync(async db =>
        {
            db.Widgets.Add(new Widget { Id = duplicateId, Name = name }); // violates the unique name
            db.StageEvent(new WidgetCreated(duplicateId, name));
            return await db.SaveChangesAsync();
        }));

        Assert.False(await host.WithDbAsync(db => db.Widgets.AnyAsync(w => w.Id == duplicateId)));
        Assert.Equal(outboxBefore, await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task The_relay_publishes_a_row_once_marks_it_sent_and_keeps_the_trace()
    {
        await using var probe = await BusProbe.StartAsync(servers.RabbitMq, typeof(WidgetCreated));
        await using var host = await MessagingHost.StartAsync(servers, database, Prefix(), withConsumers: false);
        var id = Guid.NewGuid();
        using var activity = new Activity("test-request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var messageId = await host.WithDbAsync(async db =>
        {
            var staged = db.StageEvent(new WidgetCreated(id, "once"));
            await db.SaveChangesAsync();
            return staged.MessageId;
        });
        activity.Stop();

        var seen = await probe.WaitForAsync<WidgetCreated>(m => m.GetProperty("widgetId").GetGuid() == id);
        Assert.Equal(messageId, seen.MessageId);
        var row = await Eventually.GetAsync(() => host.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId && m.SentAt != null)));
        Assert.Equal(activity.Id, row.TraceParent);

        // Later relay passes (woken by another commit) must not publish the sent row again.
        var marker = Guid.NewGuid();
        await host.WithDbAsync(async db =>
        {
            db.StageEvent(new WidgetCreated(marker, "marker"));
            return await db.SaveChangesAsync();
        });
        await probe.WaitForAsync<WidgetCreated>(m => m.GetProperty("widgetId").GetGuid() == marker);
        Assert.Single(probe.OfType<WidgetCreated>(), m => m.MessageId == messageId);
    }

    [Fact]
    public async Task A_commit_wakes_the_relay_without_waiting_for_the_poll()
    {
        await using var probe = await BusProbe.StartAsync(servers.RabbitMq, typeof(WidgetCreated));
        await using var host = await MessagingHost.StartAsync(servers, database, Prefix(), pollInterval: TimeSpan.FromMinutes(5), withConsumers: false);
        // Let the relay finish its first pass and go to sleep on the five-minute poll.
        await Eventually.TrueAsync(() => host.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.SentAt != null)));
        var id = Guid.NewGuid();

        await host.WithDbAsync(async db =>
        {
            db.StageEvent(new WidgetCreated(id, "wake"));
            return await db.SaveChangesAsync();
        });

        await probe.WaitForAsync<WidgetCreated>(m => m.GetProperty("widgetId").GetGuid() == id, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Two_replicas_relaying_the_same_outbox_publish_every_row_exactly_once()
    {
        await using var probe = await BusProbe.StartAsync(servers.RabbitMq, typeof(WidgetCreated));
        var prefix = Prefix();
        await using var first = await MessagingHost.StartAsync(servers, database, prefix, pollInterval: TimeSpan.FromMilliseconds(100), withConsumers: false);
        await using var second = await MessagingHost.StartAsync(servers, database, prefix, pollInterval: TimeSpan.FromMilliseconds(100), withConsumers: false);
        var ids = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();

        // Both replicas commit events concurrently, in many small transactions.
        await Task.WhenAll(ids.Chunk(10).Select((chunk, i) => (i % 2 == 0 ? first : second).WithDbAsync(async db =>
        {
            foreach (var id in chunk)
            {
                db.StageEvent(new WidgetCreated(id, "replica"));
            }

            return await db.SaveChangesAsync();
        })));

        var wanted = ids.ToHashSet();
        await Eventually.TrueAsync(
            () => Task.FromResult(probe.OfType<WidgetCreated>().Select(m => m.Message.GetProperty("widgetId").GetGuid()).Count(wanted.Contains) >= ids.Count),
            TimeSpan.FromSeconds(60), "all 300 events");
        await Eventually.TrueAsync(() => first.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.SentAt != null)));

        var perId = probe.OfType<WidgetCreated>().GroupBy(m => m.Message.GetProperty("widgetId").GetGuid()).Where(g => wanted.Contains(g.Key)).ToList();
        Assert.Equal(ids.Count, perId.Count);
        Assert.All(perId, g => Assert.Single(g));
    }

    [Fact]
    public async Task A_row_that_fails_to_publish_stays_unsent_without_holding_back_the_rows_after_it()
    {
        await using var probe = await BusProbe.StartAsync(servers.RabbitMq, typeof(WidgetCreated));
        await using var host = await MessagingHost.StartAsync(servers, database, Prefix(), withConsumers: false);
        var widgets = Enumerable.Range(0, 41).Select(_ => Guid.NewGuid()).ToList();

        // One commit: a good event, one that can never be published (MassTransit refuses a message type without a
        // namespace), then forty good ones — more than one window of publishes awaiting their confirms.
        var (good, broken) = await host.WithDbAsync(async db =>
        {
            var ids = new List<Guid> { db.StageEvent(new WidgetCreated(widgets[0], "before")).MessageId };
            var poison = db.StageEvent(new EventWithoutNamespace(Guid.NewGuid())).MessageId;
            ids.AddRange(widgets.Skip(1).Select(w => db.StageEvent(new WidgetCreated(w, "after")).MessageId));
            await db.SaveChangesAsync();
            return (ids, poison);
        });

        var wanted = widgets.ToHashSet();
        await Eventually.TrueAsync(
            () => Task.FromResult(probe.OfType<WidgetCreated>().Select(m => m.Message.GetProperty("widgetId").GetGuid()).Distinct().Count(wanted.Contains) == widgets.Count),
            TimeSpan.FromSeconds(30), "all 41 good events on the broker");
        await Eventually.TrueAsync(
            async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => good.Contains(m.MessageId) && m.SentAt != null)) == good.Count,
            what: "the good rows marked sent");
        Assert.Null(await host.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageId == broken).Select(m => m.SentAt).SingleAsync()));
    }
}
