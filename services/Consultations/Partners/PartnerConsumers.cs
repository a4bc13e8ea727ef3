using MassTransit;

namespace Iom.Consultations.Partners;

/// <summary>The Registry events that keep the partner read model (status, observer flag) and its consequences.</summary>
public static class PartnerConsumers
{
    public static void AddPartnerConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<PartnerRegisteredConsumer>(typeof(PartnerRegisteredConsumerDefinition));
        bus.AddConsumer<PartnerUpdatedConsumer>(typeof(PartnerUpdatedConsumerDefinition));
        bus.AddConsumer<PartnerSuspendedConsumer>(typeof(PartnerSuspendedConsumerDefinition));
        bus.AddConsumer<PartnerReinstatedConsumer>(typeof(PartnerReinstatedConsumerDefinition));
        bus.AddConsumer<PartnerArchivedConsumer>(typeof(PartnerArchivedConsumerDefinition));
        bus.AddConsumer<ObserverStatusGrantedConsumer>(typeof(ObserverStatusGrantedConsumerDefinition));
        bus.AddConsumer<ObserverStatusWithdrawnConsumer>(typeof(ObserverStatusWithdrawnConsumerDefinition));
    }
}
