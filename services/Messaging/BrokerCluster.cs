using MassTransit;

namespace Iom.Messaging;

/// <summary>
/// A RabbitMQ cluster (configuration <c>Messaging:Broker</c>): <c>Nodes</c> lists every node ("host:port,...") so the
/// bus reconnects to a surviving one, and <c>QuorumQueues</c> declares each consumer queue as a quorum queue replicated
/// on all of them, so losing one node loses no message. Without the section: one broker, classic queues, as before.
/// </summary>
internal static class BrokerCluster
{
    public static void UseClusterNodes(this IRabbitMqHostConfigurator host, BrokerSettings settings)
    {
        var nodes = settings.NodeList;
        if (nodes.Length > 1)
        {
            host.UseCluster(cluster =>
            {
                foreach (var node in nodes)
                {
                    cluster.Node(node);
                }
            });
        }
    }

    public static void UseQuorumQueues(this IBusRegistrationConfigurator bus, BrokerSettings settings)
    {
        if (!settings.QuorumQueues)
        {
            return;
        }

        var replicas = Math.Max(1, settings.NodeList.Length);
        bus.AddConfigureEndpointsCallback((_, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.SetQuorumQueue(replicas);
            }
        });
    }
}

/// <summary>Messaging:Broker — <c>Nodes</c> ("host:port,...", every node of a cluster) and <c>QuorumQueues</c>.</summary>
internal sealed class BrokerSettings
{
    public const string Section = "Messaging:Broker";

    public string? Nodes { get; set; }

    public bool QuorumQueues { get; set; }

    internal string[] NodeList =>
        (Nodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
