using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Consultations.Registrations;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: an archived partner may no longer register; its pending registrations are cancelled.</summary>
public sealed class PartnerArchivedConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerArchived>(db)
{
    protected override async Task HandleAsync(PartnerArchived message, ConsumeContext<PartnerArchived> context)
    {
        var partner = await PartnerReadModel.RequireAsync(Db, message.PartnerId, context.CancellationToken);
        if (!partner.ApplyStatus(PartnerStatus.Archived, message.ArchivedAt))
        {
            return; // a later status event (a reinstatement) was applied already
        }

        await PartnerRegistrationsCancellation.CancelPendingAsync(Db, message.PartnerId, "partner-archived", message.ArchivedAt, context.CancellationToken);
    }
}

public sealed class PartnerArchivedConsumerDefinition : ConsumerDefinition<PartnerArchivedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PartnerArchivedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
    }
}
