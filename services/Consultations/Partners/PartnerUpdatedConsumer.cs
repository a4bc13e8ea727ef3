using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: the partner's public profile replaces ours (status unchanged).</summary>
public sealed class PartnerUpdatedConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerUpdated>(db)
{
    protected override async Task HandleAsync(PartnerUpdated message, ConsumeContext<PartnerUpdated> context)
    {
        // Before PartnerRegistered: a placeholder (Messaging's out-of-order rule) that takes the whole profile now.
        var partner = await PartnerReadModel.FindOrPlaceholderAsync(Db, message.PartnerId, context.CancellationToken);

        partner.Name = message.Name;
        partner.Acronym = message.Acronym;
        partner.Type = message.Type;
        partner.Country = message.Country;
        partner.UpdatedAt = message.UpdatedAt;
    }
}
