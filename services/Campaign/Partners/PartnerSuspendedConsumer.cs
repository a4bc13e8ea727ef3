using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Campaign.Partners;

/// <summary>Registry → Campaign: the partner may not submit or post actions, and its upcoming actions are hidden from the app.</summary>
public sealed class PartnerSuspendedConsumer(CampaignDbContext db) : IdempotentConsumer<CampaignDbContext, PartnerSuspended>(db)
{
    protected override Task HandleAsync(PartnerSuspended message, ConsumeContext<PartnerSuspended> context) =>
        PartnerReadModel.SetStatusAsync(Db, message.PartnerId, PartnerStatus.Suspended, message.SuspendedAt, context.CancellationToken);
}
