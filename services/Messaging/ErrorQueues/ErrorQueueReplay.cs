using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Iom.Messaging.ErrorQueues;

/// <summary>
/// Looks into and replays MassTransit's error queues ("{queue}_error"): a message that failed all its retries
/// waits there; after the fault is fixed, replaying moves it back to its queue (through the queue's own exchange,
/// with publisher confirms) and only then removes it from the error queue.
/// </summary>
internal sealed class ErrorQueueReplay(string brokerUri)
{
    /// <summary>The messages in a queue's error queue (0 when no message ever failed there: it was never declared).</summary>
    public async Task<uint> CountAsync(string queue, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await MessagesAsync(connection, queue + "_error", cancellationToken);
    }

    /// <summary>
    /// Each queue's waiting messages and its error queue's, on one connection (a queue that is missing or exclusive to
    /// another connection, as test hosts' temporary queues are, counts as 0: a passive look there closes its channel).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Monitoring.QueueDepth>> DepthsAsync(IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var depths = new Dictionary<string, Monitoring.QueueDepth>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            depths[queue] = new Monitoring.QueueDepth(await MessagesAsync(connection, queue, cancellationToken), await MessagesAsync(connection, queue + "_error", cancellationToken));
        }

        return depths;
    }

    private static async Task<uint> MessagesAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>Moves up to <paramref name="limit"/> messages back; returns how many were moved.</summary>
    public async Task<int> ReplayAsync(string queue, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var moved = 0;
        while (moved < limit)
        {
            BasicGetResult? message;
            try
            {
                message = await channel.BasicGetAsync(queue + "_error", autoAck: false, cancellationToken);
            }
            catch (OperationInterruptedException)
            {
                break; // no error queue
            }

            if (message is null)
            {
                break;
            }

            var properties = new BasicProperties(message.BasicProperties);
            await channel.BasicPublishAsync(queue, string.Empty, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = new Uri(brokerUri), ClientProvidedName = "error-queue-replay" }.CreateConnectionAsync(cancellationToken);
}
