using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Consultations.Registrations;
using Iom.Contracts.Registry;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: a suspended partner may not register, and its pending registrations are cancelled.</summary>
public sealed class PartnerSuspendedConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerSuspended>(db)
{
    protected override async Task HandleAsync(PartnerSuspended message, ConsumeContext<PartnerSuspended> context)
    {
        var partner = await PartnerReadModel.RequireAsync(Db, message.PartnerId, context.CancellationToken);
        partner.Status = PartnerStatus.Suspended;
        partner.UpdatedAt = message.SuspendedAt;

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
