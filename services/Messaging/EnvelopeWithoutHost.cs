using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MassTransit;
using MassTransit.Serialization;

namespace Iom.Messaging;

/// <summary>
/// MassTransit writes a <c>host</c> block into every envelope (machine name, process name and id, framework and
/// MassTransit versions). Our events reach third parties (docs/asyncapi/events.json), and none of them needs it: the
/// envelope leaves without it. Receiving is unchanged (an envelope with a host block still reads).
/// </summary>
internal static class EnvelopeWithoutHost
{
    private static int applied;

    /// <summary>Applies once per process: MassTransit's System.Text.Json options are global.</summary>
    public static void Apply(IBusFactoryConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (Interlocked.Exchange(ref applied, 1) == 1)
        {
            return;
        }

        bus.ConfigureJsonSerializerOptions(options =>
        {
            options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RemoveHost);
            return options;
        });
    }

    private static void RemoveHost(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(MessageEnvelope).IsAssignableFrom(info.Type))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].PropertyType == typeof(HostInfo))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
