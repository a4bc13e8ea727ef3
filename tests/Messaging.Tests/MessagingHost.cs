using Iom.Data;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using Iom.TestSupport;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Iom.Messaging.Tests;

/// <summary>A widget: the business row our test use cases change beside their outbox rows.</summary>
public sealed class Widget
{
    public Guid Id { get; init; }

    public required string Name { get; set; }
}

/// <summary>What a consumer did: one row per handled WidgetCreated.</summary>
public sealed class WidgetSeen
{
    public long Id { get; init; }

    public Guid WidgetId { get; init; }
}

public sealed record WidgetCreated(Guid WidgetId, string Name);

public sealed record WidgetDoomed(Guid WidgetId);

/// <summary>
/// The test classes that send WidgetDoomed to an error queue: run one after the other, since every host's queue hears
/// every WidgetDoomed published and the tests count their error queue exactly.
/// </summary>
[Xunit.CollectionDefinition(Name)]
public sealed class DoomedWidgets
{
    public const string Name = "WidgetDoomed publishers";
}

public sealed record WidgetCounted(Guid WidgetId);

/// <summary>A read-model row kept by Messaging's out-of-order rule (like the services' partners).</summary>
public sealed class Member : IStatusFromEvents<MemberStatus>
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    public MemberStatus Status { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }
}

public enum MemberStatus
{
    Active,
    Suspended,
    Archived,
}

public sealed class MessagingTestDbContext(DbContextOptions<MessagingTestDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    public DbSet<WidgetSeen> Seen => Set<WidgetSeen>();

    public DbSet<Member> Members => Set<Member>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Widget>().HasIndex(w => w.Name).IsUnique();
    }
}

/// <summary>Counts its attempts (also those that fail before the database answers).</summary>
public sealed class WidgetCountedConsumer(MessagingTestDbContext db) : IdempotentConsumer<MessagingTestDbContext, WidgetCounted>(db), IConsumer<WidgetCounted>
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> Attempts = new();

    public new async Task Consume(ConsumeContext<WidgetCounted> context)
    {
        Attempts.AddOrUpdate(context.Message.WidgetId, 1, (_, n) => n + 1);
        await base.Consume(context);
    }

    protected override Task HandleAsync(WidgetCounted message, ConsumeContext<WidgetCounted> context)
    {
        Db.Seen.Add(new WidgetSeen { WidgetId = message.WidgetId });
        return Task.CompletedTask;
    }
}


public sealed class WidgetCreatedConsumer(MessagingTestDbContext db) : IdempotentConsumer<MessagingTestDbContext, WidgetCreated>(db)
{
    protected override Task HandleAsync(WidgetCreated message, ConsumeContext<WidgetCreated> context)
    {
        Db.Seen.Add(new WidgetSeen { WidgetId = message.WidgetId });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Records its effect, then fails while the widget is "broken": the effect must roll back and the message must end
/// in the error queue. Once fixed, a replayed message succeeds.
/// </summary>
public sealed class WidgetDoomedConsumer(MessagingTestDbContext db) : IdempotentConsumer<MessagingTestDbContext, WidgetDoomed>(db)
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> Attempts = new();
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> Broken = new();

    protected override async Task HandleAsync(WidgetDoomed message, ConsumeContext<WidgetDoomed> context)
    {
        Attempts.AddOrUpdate(message.WidgetId, 1, (_, n) => n + 1);
        Db.Seen.Add(new WidgetSeen { WidgetId = message.WidgetId });
        await Db.SaveChangesAsync(context.CancellationToken);
        if (Broken.ContainsKey(message.WidgetId))
        {
            throw new InvalidOperationException("This widget is broken.");
        }
    }
}


/// <summary>A host with the real outbox, relay, inbox and bus on the test servers: one "replica" of a service.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private MessagingHost(IHost host) => Host = host;

    public IHost Host { get; }

    public static async Task<MessagingHost> StartAsync(ServerConnections servers, string database, string queuePrefix, TimeSpan? pollInterval = null, bool withConsumers = true, bool temporaryQueues = true, IDictionary<string, string?>? settings = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = database,
            ["ConnectionStrings:messaging"] = servers.RabbitMq,
            ["Messaging:QueuePrefix"] = queuePrefix,
            ["Messaging:TemporaryQueues"] = temporaryQueues ? "true" : "false",
            ["Messaging:Outbox:PollInterval"] = (pollInterval ?? TimeSpan.FromMilliseconds(500)).ToString(),
            ["Messaging:Retention:InitialDelay"] = "01:00:00",
            // The standard retry, quicker: two retries, 50 then 100 ms.
            ["Messaging:Retry:Limit"] = "2",
            ["Messaging:Retry:MinInterval"] = "00:00:00.050",
            ["Messaging:Retry:MaxInterval"] = "00:00:00.100",
            ["Messaging:Retry:IntervalDelta"] = "00:00:00.050",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        configure?.Invoke(builder);
        builder.AddServiceDatabase<MessagingTestDbContext>("testdb");
        builder.AddMessaging<MessagingTestDbContext>("messaging-tests", bus =>
        {
            if (withConsumers)
            {
                bus.AddConsumer<WidgetCreatedConsumer>();
                bus.AddConsumer<WidgetDoomedConsumer>();
                bus.AddConsumer<WidgetCountedConsumer>();
            }
        });
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            // The host keeps the services' 1 s connect budget (what the tests exercise); creating the schema is set-up, and
            // on a crowded machine a first connection can take longer than that: up to three tries (one failed in CI).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await db.Database.EnsureCreatedAsync();
                    break;
                }
                catch (Npgsql.PostgresException ex) when (ex.SqlState is "42P07" or "23505")
                {
                    // Another replica created the schema first.
                    break;
                }
                catch (Exception ex) when (attempt < 3 && IsConnectTimeout(ex))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
                }
            }
        }

        await host.StartAsync();
        return new MessagingHost(host);
    }

    /// <summary>A connection attempt that ran out of time (EF wraps it as a transient failure).</summary>
    private static bool IsConnectTimeout(Exception ex) =>
        ex is TimeoutException || (ex is Npgsql.NpgsqlException { InnerException: TimeoutException }) || (ex.InnerException is { } inner && IsConnectTimeout(inner));

    public async Task<T> WithDbAsync<T>(Func<MessagingTestDbContext, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
