using System.Diagnostics;
using System.Globalization;
using System.Text;
using Iom.Data;
using Iom.Messaging;
using Iom.Messaging.Bench;
using Iom.Messaging.Outbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Outbox relay throughput, one run: N events committed in one transaction (as a CSV import does), then the time until
// the relay has published every one with broker confirms and marked it sent — one publish at a time (MaxInFlight 1)
// against the default window, in alternating rounds. Real PostgreSQL and RabbitMQ (the test servers); the events are
// routed to a bound queue so the broker does real work for each.
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var servers = await TestServers.GetAsync();
await using var probe = await BusProbe.StartAsync(servers.RabbitMq, typeof(RelayBenchEvent));
var windows = new[] { 1, new OutboxOptions().MaxInFlight };
var results = windows.ToDictionary(w => w, _ => new List<double>());
for (var round = 0; round < rounds; round++)
{
    foreach (var window in windows)
    {
        results[window].Add(await MeasureAsync(window));
    }
}

var baseline = results[1].Average();
var report = new StringBuilder()
    .AppendLine("# Outbox relay throughput (bench/Outbox.Relay)")
    .AppendLine()
    .AppendLine("Run: `source /tmp/iomtest/env && dotnet run -c Release --project bench/Outbox.Relay [-- events rounds]` (defaults 2000 2).")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared: treat as indicative), .NET {Environment.Version}.")
    .AppendLine(CultureInfo.InvariantCulture, $"{events:N0} events committed in one transaction, then timed until the relay has published all of them (publisher confirms, a bound queue) and marked them sent; batches of {new OutboxOptions().BatchSize}; {rounds} alternating rounds.")
    .AppendLine()
    .AppendLine("| publishes awaiting confirms at once (Messaging:Outbox:MaxInFlight) | events/s (rounds) | average | vs one at a time |")
    .AppendLine("|---|---|---|---|");
foreach (var window in windows)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {window}{(window == windows[^1] ? " (default)" : string.Empty)} | {string.Join(" / ", results[window].Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} | {results[window].Average():N0} | {results[window].Average() / baseline:0.0}× |");
}

Console.WriteLine(report);
var output = Path.Combine(FindBenchDirectory(), "RESULTS.md");
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine($"Written to {output}");
return 0;

async Task<double> MeasureAsync(int window)
{
    var database = TestDatabase.NewConnectionString(servers.Postgres, "relaybench");
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:benchdb"] = database,
        ["ConnectionStrings:messaging"] = servers.RabbitMq,
        ["Messaging:QueuePrefix"] = $"rb{Guid.NewGuid():N}"[..12],
        ["Messaging:TemporaryQueues"] = "true",
        ["Messaging:Outbox:MaxInFlight"] = window.ToString(CultureInfo.InvariantCulture),
        ["Messaging:Retention:InitialDelay"] = "01:00:00",
    });
    builder.AddServiceDatabase<RelayBenchDbContext>("benchdb");
    builder.AddMessaging<RelayBenchDbContext>("relay-bench", _ => { });
    using var host = builder.Build();
    await using (var scope = host.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<RelayBenchDbContext>().Database.EnsureCreatedAsync();
    }

    await host.StartAsync();
    try
    {
        var watch = Stopwatch.StartNew();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RelayBenchDbContext>();
            for (var i = 0; i < events; i++)
            {
                db.StageEvent(new RelayBenchEvent(Guid.NewGuid(), $"Organisation {i}", DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync();
        }

        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RelayBenchDbContext>();
            if (!await db.Set<OutboxMessage>().AnyAsync(m => m.SentAt == null))
            {
                break;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The relay did not publish everything within 2 minutes.");
            }

            await Task.Delay(20);
        }

        var rate = events / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"window {window}: {events} events in {watch.Elapsed.TotalSeconds:0.00} s ({rate:N0}/s)");
        return rate;
    }
    finally
    {
        await host.StopAsync();
        await TestDatabase.DropAsync(database);
    }
}

static string FindBenchDirectory()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Outbox.Relay.csproj")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}

namespace Iom.Messaging.Bench
{
    /// <summary>An event the size of a registry one (MassTransit needs a namespace for its exchange name).</summary>
    public sealed record RelayBenchEvent(Guid Id, string Name, DateTimeOffset At);

    public sealed class RelayBenchDbContext(DbContextOptions<RelayBenchDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxAndInbox();
    }
}
