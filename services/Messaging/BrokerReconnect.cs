using System.Reflection;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client.Exceptions;

namespace Iom.Messaging;

/// <summary>
/// MassTransit 8 reconnects its RabbitMQ receive and send transports with a fixed policy, exponential from 3 s to 30 s,
/// that no public option changes: after a broker outage, consumers and the outbox relay came back up to 30 s late.
/// This replaces that policy (the host configuration's ReceiveTransportRetryPolicy, also used for sending) with one that
/// retries every 250 ms to <c>maxDelay</c>, keeping MassTransit's list of which failures are worth retrying.
/// It reaches a private field of the pinned MassTransit version; <see cref="Apply"/> fails at start-up, loudly, if that
/// field moves (docs/adr/0006-messaging-faults.md, and a test in Messaging.Tests).
/// </summary>
internal static class BrokerReconnect
{
    public static void ReconnectWithin(this IRabbitMqBusFactoryConfigurator rabbit, TimeSpan maxDelay) => Apply(rabbit, maxDelay);

    internal static IRetryPolicy Apply(object rabbitConfigurator, TimeSpan maxDelay)
    {
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var host = rabbitConfigurator.GetType().GetField("_hostConfiguration", Instance)?.GetValue(rabbitConfigurator)
            ?? throw new InvalidOperationException("MassTransit's RabbitMQ configurator has no _hostConfiguration field: check BrokerReconnect against this MassTransit version.");
        var field = host.GetType().GetField("<ReceiveTransportRetryPolicy>k__BackingField", Instance)
            ?? throw new InvalidOperationException("MassTransit's RabbitMQ host configuration has no ReceiveTransportRetryPolicy field: check BrokerReconnect against this MassTransit version.");
        var policy = Retry.CreatePolicy(x =>
        {
            x.Handle<ConnectionException>();
            x.Handle<AlreadyClosedException>();
            x.Handle<EndOfStreamException>();
            x.Handle<OperationInterruptedException>(exception => exception.ChannelShouldBeClosed());
            x.Handle<NotSupportedException>(exception => exception.Message.Contains("Pipelining of requests forbidden", StringComparison.Ordinal));
            x.Ignore<AuthenticationFailureException>();
            x.Exponential(int.MaxValue, TimeSpan.FromMilliseconds(250), maxDelay, TimeSpan.FromMilliseconds(250));
        });
        field.SetValue(host, policy);
        return policy;
    }
}
