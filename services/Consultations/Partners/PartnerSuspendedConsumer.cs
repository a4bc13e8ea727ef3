using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: a suspended partner may not register, and its pending registrations are cancelled.</summary>
public sealed class PartnerSuspendedConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerSuspended>(db)
{
    protected override Task HandleAsync(PartnerSuspended message, ConsumeContext<PartnerSuspended> context) =>
        PartnerReadModel.EndParticipationAsync(Db, message.PartnerId, PartnerStatus.Suspended, message.SuspendedAt, "partner-suspended", context.CancellationToken);
}
