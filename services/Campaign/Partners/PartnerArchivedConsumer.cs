using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Campaign.Partners;

/// <summary>Registry → Campaign: the partnership ended; its actions are hidden for good.</summary>
public sealed class PartnerArchivedConsumer(CampaignDbContext db) : IdempotentConsumer<CampaignDbContext, PartnerArchived>(db)
{
    protected override Task HandleAsync(PartnerArchived message, ConsumeContext<PartnerArchived> context) =>
        PartnerReadModel.SetStatusAsync(Db, message.PartnerId, PartnerStatus.Archived, message.ArchivedAt, context.CancellationToken);
}
