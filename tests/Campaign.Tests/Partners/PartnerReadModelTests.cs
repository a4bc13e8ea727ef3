using Iom.Campaign.Domain;
using Iom.Contracts.Registry;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests.Partners;

public sealed class PartnerReadModelTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    private Task<Partner?> PartnerAsync(Guid id) => campaign.QueryAsync(db => db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id));

    [Fact]
    public async Task A_suspension_that_arrives_before_the_registration_is_not_undone_by_it()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var id = Guid.NewGuid();
        var registeredAt = DateTimeOffset.UtcNow.AddMinutes(-5);

        await bus.PublishAsync(new PartnerSuspended(id, "ngo", "Audit", registeredAt.AddMinutes(1)));
        await Eventually.TrueAsync(async () => (await PartnerAsync(id))?.Status == PartnerStatus.Suspended);
        await bus.PublishAsync(new PartnerRegistered(id, "Late Registration", "LR", "ngo", "local", "UG", ["UG"], [], registeredAt));
        await Eventually.TrueAsync(async () => (await PartnerAsync(id))?.Name == "Late Registration");

        Assert.Equal(PartnerStatus.Suspended, (await PartnerAsync(id))!.Status);
    }

    [Fact]
    public async Task An_older_status_event_whose_consumer_meets_a_newer_one_in_flight_does_not_overwrite_it()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var id = await campaign.RegisterPartnerAsync(bus, "Concurrent Status");
        var database = await campaign.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var reinstatedAt = DateTimeOffset.UtcNow.AddMinutes(2);

        // A reinstatement being applied by another consumer (the events travel on separate queues): not committed yet.
        await using var reinstatement = await ConcurrentChange.BeginAsync(database,
            """UPDATE partners SET "Status" = 'Active', "StatusChangedAt" = @p1, "UpdatedAt" = @p1 WHERE "Id" = @p0""", id, reinstatedAt);
        // An older suspension arrives meanwhile; its consumer meets the reinstatement's lock, which then commits.
        var suspension = await bus.PublishAsync(new PartnerSuspended(id, "ngo", "Audit", reinstatedAt.AddMinutes(-1)));
        await reinstatement.WaitUntilSomeoneWaitsAsync("the suspension's consumer waiting for the partner's row");
        await reinstatement.CommitAsync();
        await Eventually.TrueAsync(() => campaign.QueryAsync(db => db.Set<Iom.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == suspension)), what: "the suspension handled");

        var partner = (await PartnerAsync(id))!;
        Assert.Equal((PartnerStatus.Active, reinstatedAt.ToUnixTimeMilliseconds()), (partner.Status, partner.StatusChangedAt.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Updates_replace_the_profile_and_archiving_ends_the_partnership()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var id = await campaign.RegisterPartnerAsync(bus, "Old Name");

        await bus.PublishAsync(new PartnerUpdated(id, "New Name", "NN", "ngo", "national", "KE", ["KE"], [], ["name"], DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await PartnerAsync(id))?.Name == "New Name");
        await bus.PublishAsync(new PartnerArchived(id, "ngo", "Partnership ended", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await PartnerAsync(id))?.Status == PartnerStatus.Archived);

        var partner = (await PartnerAsync(id))!;
        Assert.Equal(("NN", "KE"), (partner.Acronym, partner.Country));
    }
}
