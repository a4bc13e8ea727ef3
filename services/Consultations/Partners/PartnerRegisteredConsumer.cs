using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: a new partner enters the local read model as active.</summary>
public sealed class PartnerRegisteredConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerRegistered>(db)
{
    protected override Task HandleAsync(PartnerRegistered message, ConsumeContext<PartnerRegistered> context) =>
        PartnerReadModel.RegisterAsync(Db, message, context.CancellationToken);
}
