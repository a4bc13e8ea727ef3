using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Messaging;

namespace Iom.Campaign.Partners;

/// <summary>
/// Registry → Campaign: the local partner read model. Events may arrive out of order; a status older than the one
/// stored is ignored. A status change evicts the public actions listing (after commit), so a suspended partner's
/// actions disappear from the app.
/// </summary>
internal static class PartnerReadModel
{
    public static async Task<Partner> FindOrAddAsync(CampaignDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.FindAsync([id], cancellationToken);
        if (partner is null)
        {
            // A status event before the registration (redelivery, replay): keep the status, the profile follows.
            partner = new Partner { Id = id, Name = "Partner organisation", Status = PartnerStatus.Active, StatusChangedAt = DateTimeOffset.MinValue };
            db.Partners.Add(partner);
        }

        return partner;
    }

    public static void SetStatus(CampaignDbContext db, Partner partner, PartnerStatus status, DateTimeOffset at)
    {
        var before = partner.Status;
        if (!partner.ApplyStatus(status, at))
        {
            return;
        }

        if (before != status)
        {
            db.EvictAfterCommit(PublicCache.Actions);
            db.EvictAfterCommit(PublicCache.Testimonies);
        }

        partner.UpdatedAt = at > partner.UpdatedAt ? at : partner.UpdatedAt;
    }
}
