using Iom.Messaging.Inbox;
using Iom.Messaging.Outbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Messaging.Tests;

public sealed class RetentionTests : IAsyncLifetime
{
    private ServerConnections servers = null!;
    private string database = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = TestDatabase.NewConnectionString(servers.Postgres, "retention");
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(database);

    [Fact]
    public async Task Published_outbox_rows_and_inbox_rows_past_their_retention_are_deleted_and_unsent_rows_never()
    {
        // The relay polls once an hour here and nothing wakes it, and the background retention pass is an hour away
        // (MessagingHost): the rows below stay exactly as written until the pass this test runs.
        await using var host = await MessagingHost.StartAsync(servers, database, $"r{Guid.NewGuid():N}"[..10], TimeSpan.FromHours(1), withConsumers: false);
        var now = DateTimeOffset.UtcNow;
        var type = typeof(WidgetCreated).AssemblyQualifiedName!;
        const string empty = "{}";
        var (oldSent, recentSent, oldUnsent) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (oldSeen, recentSeen) = (Guid.NewGuid(), Guid.NewGuid());
        await host.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO outbox_messages (message_id, message_type, body, created_at, sent_at) VALUES
              ({oldSent}, {type}, {empty}::jsonb, {now.AddDays(-9)}, {now.AddDays(-8)}),
              ({recentSent}, {type}, {empty}::jsonb, {now.AddDays(-2)}, {now.AddDays(-1)}),
              ({oldUnsent}, {type}, {empty}::jsonb, {now.AddDays(-40)}, NULL);
            INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES
              ({oldSeen}, 'retention-test', {now.AddDays(-31)}),
              ({recentSeen}, 'retention-test', {now.AddDays(-1)});
            """));

        var retention = host.Host.Services.GetRequiredService<MessageRetention<MessagingTestDbContext>>();
        var (outbox, inbox) = await retention.RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 1), (outbox, inbox));
        var outboxLeft = await host.WithDbAsync(db => db.Set<OutboxMessage>().Select(m => m.MessageId).ToListAsync());
        Assert.Equal(new[] { recentSent, oldUnsent }.Order(), outboxLeft.Order());
        var inboxLeft = await host.WithDbAsync(db => db.Set<InboxMessage>().Select(m => m.MessageId).ToListAsync());
        Assert.Equal([recentSeen], inboxLeft);
    }
}
