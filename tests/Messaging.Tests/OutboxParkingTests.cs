using Iom.Messaging.Outbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Messaging.Tests;

/// <summary>A poisonous outbox row is parked after N attempts of its own, so the relay never stalls behind it.</summary>
public sealed class OutboxParkingTests : IAsyncLifetime
{
    private const string MissingType = "Iom.Nowhere.WidgetVanished, Iom.Nowhere";
    private ServerConnections servers = null!;
    private string database = null!;

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = TestDatabase.NewConnectionString(servers.Postgres, "parking");
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(database);

    private static string Prefix() => $"p{Guid.NewGuid():N}"[..10];

    private static Dictionary<string, string?> Settings(int maxAttempts, int batchSize = 100, int maxInFlight = 32) => new()
    {
        ["Messaging:Outbox:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Outbox:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Outbox:MaxInFlight"] = maxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Task<long> StageRowOfMissingTypeAsync(MessagingHost host) => host.WithDbAsync(async db =>
    {
        var row = new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = MissingType, Body = """{"widgetId":"00000000-0000-0000-0000-000000000001","name":"lost"}""", CreatedAt = DateTimeOffset.UtcNow };
        db.Set<OutboxMessage>().Add(row);
        await db.SaveChangesAsync();
        return row.Sequence;
    });

    [Fact]
    public async Task A_row_that_keeps_failing_is_parked_after_its_attempts_and_counted_while_the_rows_after_it_go_out()
    {
        await using var probe = await BusProbe.StartAsync(servers.RabbitMq, typeof(WidgetCreated));
        await using var host = await MessagingHost.StartAsync(servers, database, Prefix(), withConsumers: false, settings: Settings(maxAttempts: 3));
        var poison = await StageRowOfMissingTypeAsync(host);
        var after = Guid.NewGuid();
        await host.WithDbAsync(async db =>
        {
            db.StageEvent(new WidgetCreated(after, "after a poison row"));
            return await db.SaveChangesAsync();
        });

        await probe.WaitForAsync<WidgetCreated>(m => m.GetProperty("widgetId").GetGuid() == after, TimeSpan.FromSeconds(15));
        var parked = await Eventually.GetAsync(
            () => host.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Sequence == poison && m.ParkedAt != null)),
            TimeSpan.FromSeconds(30), "the poison row parked");
        Assert.Equal(3, parked.Attempts);
        Assert.Null(parked.SentAt);
        Assert.Contains("cannot be read", parked.LastError, StringComparison.Ordinal);
        var telemetry = host.Host.Services.GetRequiredService<MessagingTelemetry>();
        await Eventually.TrueAsync(() => Task.FromResult(telemetry.ParkedRows == 1), what: "iom.outbox.parked = 1");

        // Parked means left alone: later passes do not try it again.
        var marker = Guid.NewGuid();
        await host.WithDbAsync(async db =>
        {
            db.StageEvent(new WidgetCreated(marker, "marker"));
            return await db.SaveChangesAsync();
        });
        await probe.WaitForAsync<WidgetCreated>(m => m.GetProperty("widgetId").GetGuid() == marker);
        Assert.Equal(3, await host.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Sequence == poison).Select(m => m.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task More_than_a_whole_batch_of_poison_rows_at_the_head_does_not_stall_the_rows_committed_after_them()
    {
        await using var probe = await BusProbe.StartAsync(servers.RabbitMq, typeof(WidgetCreated));
        // Windows of 4, batches of 8: twelve poison rows fill whole windows and a whole batch before any good row.
        await using var host = await MessagingHost.StartAsync(servers, database, Prefix(), withConsumers: false, settings: Settings(maxAttempts: 2, batchSize: 8, maxInFlight: 4));
        var good = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await host.WithDbAsync(async db =>
        {
            for (var i = 0; i < 12; i++)
            {
                db.StageEvent(new EventWithoutNamespace(Guid.NewGuid())); // MassTransit refuses to publish it
            }

            foreach (var id in good)
            {
                db.StageEvent(new WidgetCreated(id, "after twelve poison rows"));
            }

            return await db.SaveChangesAsync();
        });

        var wanted = good.ToHashSet();
        await Eventually.TrueAsync(
            () => Task.FromResult(probe.OfType<WidgetCreated>().Select(m => m.Message.GetProperty("widgetId").GetGuid()).Distinct().Count(wanted.Contains) == good.Count),
            TimeSpan.FromSeconds(30), "the five good events on the broker");
        await Eventually.TrueAsync(
            async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.ParkedAt != null)) == 12,
            TimeSpan.FromSeconds(30), "the twelve poison rows parked");
        Assert.Equal(0, await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null && m.ParkedAt == null)));
    }

    [Fact]
    public async Task A_parked_row_is_listed_without_its_body_and_resent_once_its_cause_is_fixed()
    {
        await using var probe = await BusProbe.StartAsync(servers.RabbitMq, typeof(WidgetCreated));
        await using var host = await MessagingHost.StartAsync(servers, database, Prefix(), withConsumers: false, settings: Settings(maxAttempts: 2));
        var sequence = await StageRowOfMissingTypeAsync(host);
        var parked = host.Host.Services.GetRequiredService<IParkedOutbox>();

        var listed = await Eventually.GetAsync(async () => (await parked.ListAsync(100, CancellationToken.None)).FirstOrDefault(r => r.Sequence == sequence), TimeSpan.FromSeconds(30));
        Assert.Equal(MissingType, listed.MessageType);
        Assert.Equal(2, listed.Attempts);
        Assert.DoesNotContain("lost", listed.LastError ?? "", StringComparison.Ordinal);

        // The fix: a deployment brings the type back (here the row is pointed at a type that exists).
        var widgetType = $"{typeof(WidgetCreated).FullName}, {typeof(WidgetCreated).Assembly.GetName().Name}";
        await host.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Sequence == sequence)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.MessageType, widgetType)));

        Assert.Equal(1, await parked.ResendAsync(null, CancellationToken.None));
        await probe.WaitForAsync<WidgetCreated>(m => m.GetProperty("widgetId").GetGuid() == Guid.Parse("00000000-0000-0000-0000-000000000001"), TimeSpan.FromSeconds(15));
        var row = await Eventually.GetAsync(() => host.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Sequence == sequence && m.SentAt != null)));
        Assert.Null(row.ParkedAt);
        Assert.Empty(await parked.ListAsync(100, CancellationToken.None));
        Assert.Equal(0, await parked.ResendAsync(null, CancellationToken.None));
    }
}
