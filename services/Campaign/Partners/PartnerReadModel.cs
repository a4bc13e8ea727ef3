using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Partners;

/// <summary>
/// Registry → Campaign: the local partner read model, kept by Messaging's <see cref="OutOfOrderEvents"/> rule (a status
/// event before the registration leaves a placeholder; a status older than the one stored is ignored). A status change
/// evicts the public listings (after commit), so a suspended partner's actions disappear from the app.
/// </summary>
internal static class PartnerReadModel
{
    public const string PlaceholderName = "Partner organisation";

    public static Partner Placeholder(Guid id) => new() { Id = id, Name = PlaceholderName, Status = PartnerStatus.Active };

    /// <summary>
    /// The partner an event is about, or null, locked (FOR UPDATE) until the consumer's transaction ends. Two status events
    /// of one partner arrive on separate queues at once: without the lock both read the same row and the one committing
    /// second writes its status over a newer one (a reinstated partner left suspended — found by bench/Chaos out-of-order).
    /// </summary>
    public static Task<Partner?> FindForUpdateAsync(CampaignDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        db.Partners.FromSql($"""SELECT * FROM partners WHERE "Id" = {partnerId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);

    public static async Task RegisterAsync(CampaignDbContext db, PartnerRegistered message, CancellationToken cancellationToken)
    {
        var found = await FindForUpdateAsync(db, message.PartnerId, cancellationToken);
        var before = found?.Status;
        var partner = db.ApplyRegistration(found, () => Placeholder(message.PartnerId), p =>
        {
            p.Name = message.Name;
            p.Acronym = message.Acronym;
            p.Country = message.Country;
        }, PartnerStatus.Active, message.RegisteredAt);
        AfterStatusEvent(db, partner, before, message.RegisteredAt);
    }

    public static async Task SetStatusAsync(CampaignDbContext db, Guid partnerId, PartnerStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var found = await FindForUpdateAsync(db, partnerId, cancellationToken);
        var before = found?.Status;
        var (partner, applied) = db.ApplyStatusEvent(found, () => Placeholder(partnerId), status, at);
        if (applied)
        {
            AfterStatusEvent(db, partner, before, at);
        }
    }

    /// <summary>The partner a profile event is about: a placeholder (status to follow) if it is not known yet.</summary>
    public static async Task<Partner> FindOrPlaceholderAsync(CampaignDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        await FindForUpdateAsync(db, partnerId, cancellationToken)
        ?? db.AddPlaceholder<Partner, PartnerStatus>(() => Placeholder(partnerId));

    private static void AfterStatusEvent(CampaignDbContext db, Partner partner, PartnerStatus? before, DateTimeOffset at)
    {
        if (before != partner.Status)
        {
            db.EvictAfterCommit(PublicCache.Actions);
            db.EvictAfterCommit(PublicCache.Testimonies);
        }

        partner.UpdatedAt = at > partner.UpdatedAt ? at : partner.UpdatedAt;
    }
}
