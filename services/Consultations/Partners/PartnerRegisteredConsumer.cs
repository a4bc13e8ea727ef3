using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>Registry → Consultations: a new partner enters the local read model as active.</summary>
public sealed class PartnerRegisteredConsumer(ConsultationsDbContext db) : IdempotentConsumer<ConsultationsDbContext, PartnerRegistered>(db)
{
    protected override async Task HandleAsync(PartnerRegistered message, ConsumeContext<PartnerRegistered> context)
    {
        var partner = await Db.Partners.FindAsync([message.PartnerId], context.CancellationToken);
        if (partner is null)
        {
            partner = new Partner { Id = message.PartnerId, Name = message.Name, Type = message.Type, Country = message.Country };
            Db.Partners.Add(partner);
        }

        partner.Name = message.Name;
        partner.Acronym = message.Acronym;
        partner.Type = message.Type;
        partner.Country = message.Country;
        partner.ApplyStatus(PartnerStatus.Active, message.RegisteredAt);
        partner.UpdatedAt = message.RegisteredAt;
    }
}

public sealed class PartnerRegisteredConsumerDefinition : ConsumerDefinition<PartnerRegisteredConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PartnerRegisteredConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseStandardRetry();
    }
}
