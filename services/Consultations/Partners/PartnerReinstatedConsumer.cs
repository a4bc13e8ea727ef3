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
    protected override async Task HandleAsync(PartnerReinstated message, ConsumeContext<PartnerReinstated> context)
    {
        var partner = await PartnerReadModel.RequireAsync(Db, message.PartnerId, context.CancellationToken);
        partner.ApplyStatus(PartnerStatus.Active, message.ReinstatedAt); // a later suspension stands
    }
}

public sealed class PartnerReinstatedConsumerDefinition : ConsumerDefinition<PartnerReinstatedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PartnerReinstatedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseStandardRetry();
    }
}
