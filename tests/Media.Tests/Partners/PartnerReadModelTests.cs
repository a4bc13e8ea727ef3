using Iom.Contracts.Registry;
using Iom.Media.Domain;
using Iom.Messaging.Inbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Media.Tests.Partners;

public sealed class PartnerReadModelTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    [Fact]
    public async Task An_older_status_event_whose_consumer_meets_a_newer_one_in_flight_does_not_overwrite_it()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var id = Guid.NewGuid();
        await bus.PublishAsync(new PartnerRegistered(id, "Concurrent News", null, "media-organisation", "national", "IT", ["IT"], ["media"], DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == id && p.Type != null)), what: "the partner in the read model");
        var database = await media.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var reinstatedAt = DateTimeOffset.UtcNow.AddMinutes(2);

        // A reinstatement being applied by another consumer (the events travel on separate queues): not committed yet.
        await using var reinstatement = await ConcurrentChange.BeginAsync(database,
            """UPDATE partners SET "Status" = 'Active', "UpdatedAt" = @p1 WHERE "Id" = @p0""", id, reinstatedAt);
        // An older suspension arrives meanwhile; its consumer meets the reinstatement's lock, which then commits.
        var suspension = await bus.PublishAsync(new PartnerSuspended(id, "media-organisation", "Agreement under review", reinstatedAt.AddMinutes(-1)));
        await reinstatement.WaitUntilSomeoneWaitsAsync("the suspension's consumer waiting for the partner's row");
        await reinstatement.CommitAsync();
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == suspension)), what: "the suspension handled");

        var partner = await media.QueryAsync(db => db.Partners.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((PartnerStatus.Active, reinstatedAt.ToUnixTimeMilliseconds()), (partner.Status, partner.UpdatedAt.ToUnixTimeMilliseconds()));
    }
}
