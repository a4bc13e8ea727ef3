using MassTransit;
using Microsoft.Extensions.Configuration;

namespace Iom.Messaging;

/// <summary>
/// A RabbitMQ cluster (configuration <c>Messaging:Broker</c>): <c>Nodes</c> lists every node ("host:port,...") so the
/// bus reconnects to a surviving one, and <c>QuorumQueues</c> declares each consumer queue as a quorum queue replicated
/// on all of them, so losing one node loses no message. Without the section: one broker, classic queues, as before.
/// </summary>
internal static class BrokerCluster
{
    public static string[] Nodes(IConfiguration configuration) =>
        (configuration["Messaging:Broker:Nodes"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void UseClusterNodes(this IRabbitMqHostConfigurator host, IConfiguration configuration)
    {
        var nodes = Nodes(configuration);
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

    public static void UseQuorumQueues(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        if (!configuration.GetValue("Messaging:Broker:QuorumQueues", false))
        {
            return;
        }

        var replicas = Math.Max(1, Nodes(configuration).Length);
        bus.AddConfigureEndpointsCallback((_, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.SetQuorumQueue(replicas);
            }
        });
    }
}
