using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Messaging.Tests;

/// <summary>
/// Messaging's one rule for read models fed by events that arrive in any order, tried with every order of delivery
/// (and every event delivered twice), each event applied and committed on its own like a consumer does.
/// </summary>
public sealed class OutOfOrderEventsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private ServerConnections servers = null!;
    private string database = null!;
    private MessagingHost host = null!;

    private sealed record Event(string Kind, MemberStatus Status, DateTimeOffset At);

    private static readonly Event[] History =
    [
        new("registered", MemberStatus.Active, T0),
        new("suspended", MemberStatus.Suspended, T0.AddMinutes(1)),
        new("reinstated", MemberStatus.Active, T0.AddMinutes(2)),
        new("archived", MemberStatus.Archived, T0.AddMinutes(3)),
    ];

    public async Task InitializeAsync()
    {
        servers = await TestServers.GetAsync();
        database = TestDatabase.NewConnectionString(servers.Postgres, "order");
        host = await MessagingHost.StartAsync(servers, database, $"o{Guid.NewGuid():N}"[..10], withConsumers: false);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await TestDatabase.DropAsync(database);
    }

    private static IEnumerable<List<T>> Permutations<T>(List<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToList()).Select(rest => rest.Prepend(item).ToList()));

    private Task ApplyAsync(Guid id, Event e) => host.WithDbAsync(async db =>
    {
        var found = await db.Members.FindAsync(id);
        if (e.Kind == "registered")
        {
            db.ApplyRegistration(found, () => new Member { Id = id, Name = "placeholder" }, m => m.Name = "Migrant Voices Network", e.Status, e.At);
        }
        else
        {
            db.ApplyStatusEvent(found, () => new Member { Id = id, Name = "placeholder" }, e.Status, e.At);
        }

        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Every_order_of_delivery_ends_in_the_latest_status_with_the_registered_details()
    {
        var cases = 0;
        for (var length = 2; length <= History.Length; length++)
        {
            var events = History.Take(length).ToList();
            var latest = events[^1];
            foreach (var order in Permutations(events))
            {
                var id = Guid.NewGuid();
                foreach (var e in order.Concat(order)) // and every event delivered a second time, in the same order
                {
                    await ApplyAsync(id, e);
                }

                var member = await host.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == id));
                var described = string.Join(" → ", order.Select(e => e.Kind));
                Assert.True(latest.Status == member.Status, $"{described}: {member.Status}, expected {latest.Status}");
                Assert.Equal(latest.At, member.StatusChangedAt);
                Assert.Equal("Migrant Voices Network", member.Name);
                cases++;
            }
        }

        Assert.Equal(2 + 6 + 24, cases);
    }

    [Fact]
    public async Task A_status_event_before_the_registration_leaves_a_placeholder_with_that_status()
    {
        var id = Guid.NewGuid();
        await ApplyAsync(id, History[1]);

        var member = await host.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(("placeholder", MemberStatus.Suspended, History[1].At), (member.Name, member.Status, member.StatusChangedAt));
    }
}
