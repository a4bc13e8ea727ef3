using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Iom.TestSupport;

/// <summary>
/// Reads every message waiting in the named queues without taking them (basic.get without ack, then the channel
/// closes and the broker puts them back) and counts those whose body contains a string.
/// </summary>
public static class QueueSearch
{
    /// <summary>The queues (of those named; missing ones are skipped) holding messages that contain <paramref name="marker"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> FindAsync(string brokerUri, IEnumerable<string> queues, string marker)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(brokerUri), ClientProvidedName = "test-queue-search" }.CreateConnectionAsync();
        var found = new Dictionary<string, int>();
        foreach (var queue in queues.Distinct())
        {
            await using var channel = await connection.CreateChannelAsync();
            uint waiting;
            try
            {
                waiting = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
            }
            catch (OperationInterruptedException)
            {
                continue; // never declared
            }

            var hits = 0;
            for (var i = 0; i < waiting; i++)
            {
                var message = await channel.BasicGetAsync(queue, autoAck: false);
                if (message is null)
                {
                    break;
                }

                if (Encoding.UTF8.GetString(message.Body.Span).Contains(marker, StringComparison.Ordinal))
                {
                    hits++;
                }
            }

            await channel.CloseAsync(); // unacknowledged: every message goes back to its queue
            if (hits > 0)
            {
                found[queue] = hits;
            }
        }

        return found;
    }
}
