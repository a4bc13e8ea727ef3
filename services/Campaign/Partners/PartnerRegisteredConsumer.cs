using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Campaign.Partners;

/// <summary>Registry → Campaign: a new partner enters the read model as active.</summary>
public sealed class PartnerRegisteredConsumer(CampaignDbContext db) : IdempotentConsumer<CampaignDbContext, PartnerRegistered>(db)
{
    protected override Task HandleAsync(PartnerRegistered message, ConsumeContext<PartnerRegistered> context) =>
        PartnerReadModel.RegisterAsync(Db, message, context.CancellationToken);
}
