using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: no more automatic invitations (invitations already sent stand).</summary>
public sealed class ObserverStatusWithdrawnConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, ObserverStatusWithdrawn>(db)
{
    protected override async Task HandleAsync(ObserverStatusWithdrawn message, ConsumeContext<ObserverStatusWithdrawn> context)
    {
        var partner = await PartnerReadModel.FindOrPlaceholderAsync(Db, message.PartnerId, context.CancellationToken);
        partner.IsObserver = false;
    }
}
