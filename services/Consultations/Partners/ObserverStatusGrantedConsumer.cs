using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Consultations.Invitations;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: an observer is invited to upcoming IDM events and migration governance consultations.</summary>
public sealed class ObserverStatusGrantedConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, ObserverStatusGranted>(db)
{
    protected override async Task HandleAsync(ObserverStatusGranted message, ConsumeContext<ObserverStatusGranted> context)
    {
        var partner = await PartnerReadModel.FindOrPlaceholderAsync(Db, message.PartnerId, context.CancellationToken);
        partner.IsObserver = true;
        await ObserverInvitations.InviteToUpcomingAsync(Db, message.PartnerId, DateTimeOffset.UtcNow, context.CancellationToken);
    }
}
