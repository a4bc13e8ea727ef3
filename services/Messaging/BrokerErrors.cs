using System.Net.Sockets;
using RabbitMQ.Client.Exceptions;

namespace Iom.Messaging;

/// <summary>
/// Tells a broker that is away (or failing) from a message that cannot be published: the outbox relay counts attempts
/// against a row only for the latter, so an outage never parks anything.
/// </summary>
internal static class BrokerErrors
{
    public static bool IsBrokerUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // TransportException covers the broker's nack and an unconfirmed publish.
            if (e is MassTransit.ConnectionException or MassTransit.TransportException or MassTransit.RequestTimeoutException
                or RabbitMQClientException or OperationInterruptedException or AlreadyClosedException
                or IOException or SocketException or TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }
}
