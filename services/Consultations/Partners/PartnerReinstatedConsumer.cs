using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: a reinstated partner may register again (cancelled registrations stay cancelled).</summary>
public sealed class PartnerReinstatedConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerReinstated>(db)
{
    protected override Task HandleAsync(PartnerReinstated message, ConsumeContext<PartnerReinstated> context) =>
        PartnerReadModel.ReinstateAsync(Db, message.PartnerId, message.ReinstatedAt, context.CancellationToken);
}
