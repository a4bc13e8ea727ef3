using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Iom.TestSupport;

/// <summary>A message seen on the broker: its MassTransit message id and the event's JSON.</summary>
public sealed record ProbedMessage(string MessageType, Guid MessageId, JsonElement Message, string RawBody);

/// <summary>
/// Watches RabbitMQ itself for integration events: a temporary queue bound to the fanout exchanges
/// MassTransit publishes each contract type to ("Namespace:Type"). Tests assert on what really went over the wire.
/// </summary>
public sealed class BusProbe : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly ConcurrentQueue<ProbedMessage> messages = new();

    private BusProbe(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public IReadOnlyCollection<ProbedMessage> Messages => messages;

    public static async Task<BusProbe> StartAsync(string rabbitUri, params Type[] messageTypes)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitUri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true);
        foreach (var type in messageTypes)
        {
            var exchange = $"{type.Namespace}:{type.Name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue.QueueName, exchange, string.Empty);
        }

        var probe = new BusProbe(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var raw = System.Text.Encoding.UTF8.GetString(delivery.Body.Span);
            using var envelope = JsonDocument.Parse(raw);
            var root = envelope.RootElement;
            var type = root.GetProperty("messageType")[0].GetString() ?? string.Empty;
            probe.messages.Enqueue(new ProbedMessage(
                type[(type.LastIndexOf(':') + 1)..],
                Guid.Parse(root.GetProperty("messageId").GetString()!),
                root.GetProperty("message").Clone(),
                raw));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return probe;
    }

    public IEnumerable<ProbedMessage> OfType<T>() => messages.Where(m => m.MessageType == typeof(T).Name);

    /// <summary>Waits (bounded) for a message of type T matching the predicate on its JSON.</summary>
    public Task<ProbedMessage> WaitForAsync<T>(Func<JsonElement, bool> match, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => Task.FromResult(OfType<T>().FirstOrDefault(m => match(m.Message))), timeout ?? TimeSpan.FromSeconds(20), $"{typeof(T).Name} on the bus");

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await connection.CloseAsync();
        channel.Dispose();
        connection.Dispose();
    }
}
