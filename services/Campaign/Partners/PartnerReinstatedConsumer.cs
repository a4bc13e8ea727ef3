using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Campaign.Partners;

/// <summary>Registry → Campaign: the partner is active again; its upcoming actions show again.</summary>
public sealed class PartnerReinstatedConsumer(CampaignDbContext db) : IdempotentConsumer<CampaignDbContext, PartnerReinstated>(db)
{
    protected override Task HandleAsync(PartnerReinstated message, ConsumeContext<PartnerReinstated> context) =>
        PartnerReadModel.SetStatusAsync(Db, message.PartnerId, PartnerStatus.Active, message.ReinstatedAt, context.CancellationToken);
}
