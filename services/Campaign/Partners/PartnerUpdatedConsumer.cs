using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Campaign.Partners;

/// <summary>Registry → Campaign: the public profile (name shown on actions and testimonies) is replaced.</summary>
public sealed class PartnerUpdatedConsumer(CampaignDbContext db) : IdempotentConsumer<CampaignDbContext, PartnerUpdated>(db)
{
    protected override async Task HandleAsync(PartnerUpdated message, ConsumeContext<PartnerUpdated> context)
    {
        var partner = await PartnerReadModel.FindOrPlaceholderAsync(Db, message.PartnerId, context.CancellationToken);
        if (message.UpdatedAt >= partner.UpdatedAt)
        {
            partner.Name = message.Name;
            partner.Acronym = message.Acronym;
            partner.Country = message.Country;
            partner.UpdatedAt = message.UpdatedAt;
            Db.EvictAfterCommit(PublicCache.Actions);
            Db.EvictAfterCommit(PublicCache.Testimonies);
        }
    }
}
