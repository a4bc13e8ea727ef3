using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: an archived partner may no longer register; its pending registrations are cancelled.</summary>
public sealed class PartnerArchivedConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerArchived>(db)
{
    protected override Task HandleAsync(PartnerArchived message, ConsumeContext<PartnerArchived> context) =>
        PartnerReadModel.EndParticipationAsync(Db, message.PartnerId, PartnerStatus.Archived, message.ArchivedAt, "partner-archived", context.CancellationToken);
}
