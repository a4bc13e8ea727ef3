using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Consultations.Registrations;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: a suspended partner may not register, and its pending registrations are cancelled.</summary>
public sealed class PartnerSuspendedConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerSuspended>(db)
{
    protected override async Task HandleAsync(PartnerSuspended message, ConsumeContext<PartnerSuspended> context)
    {
        var partner = await PartnerReadModel.RequireAsync(Db, message.PartnerId, context.CancellationToken);
        if (!partner.ApplyStatus(PartnerStatus.Suspended, message.SuspendedAt))
        {
            return; // a later status event (a reinstatement) was applied already
        }

        await PartnerRegistrationsCancellation.CancelPendingAsync(Db, message.PartnerId, "partner-suspended", message.SuspendedAt, context.CancellationToken);
    }
}

public sealed class PartnerSuspendedConsumerDefinition : ConsumerDefinition<PartnerSuspendedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PartnerSuspendedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
    }
}
