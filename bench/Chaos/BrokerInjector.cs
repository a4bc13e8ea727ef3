using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Iom.Bench.Chaos;

/// <summary>
/// Publishes Registry's events straight to the broker, as MassTransit JSON envelopes on the event's fanout exchange
/// (Iom.Contracts.Registry:{Event}), with publisher confirms — the way a relay that re-publishes, or a redelivery,
/// brings a message to the consumers a second time or in another order.
/// </summary>
internal sealed class BrokerInjector : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IConnection connection;
    private readonly IChannel channel;

    private BrokerInjector(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<BrokerInjector> ConnectAsync(string uri)
    {
        var factory = new ConnectionFactory { Uri = new Uri(uri), RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new BrokerInjector(connection, channel);
    }

    public static object Registered(Guid partner, string name, DateTimeOffset at) => new
    {
        partnerId = partner,
        name,
        acronym = (string?)null,
        type = "media-organisation",
        scope = "national",
        country = "KE",
        countriesOfOperation = new[] { "KE" },
        themes = new[] { "advocacy" },
        registeredAt = at,
    };

    public Task PublishAsync(string eventName, Guid messageId, object message) =>
        PublishRawAsync(eventName, messageId, JsonSerializer.Serialize(message, Json));

    /// <summary>Publishes <paramref name="body"/> (the event's JSON) in an envelope with <paramref name="messageId"/>; returns once the broker confirmed.</summary>
    public async Task PublishRawAsync(string eventName, Guid messageId, string body)
    {
        var exchange = $"Iom.Contracts.Registry:{eventName}";
        var envelope = $$"""
            {"messageId":"{{messageId}}","conversationId":"{{Guid.NewGuid()}}","messageType":["urn:message:{{exchange}}"],"sentTime":"{{DateTimeOffset.UtcNow:O}}","headers":{},"message":{{body}}}
            """;
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            MessageId = messageId.ToString(),
            DeliveryMode = DeliveryModes.Persistent,
        };
        await channel.BasicPublishAsync(exchange, string.Empty, mandatory: false, properties, Encoding.UTF8.GetBytes(envelope));
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await channel.DisposeAsync();
        await connection.CloseAsync();
        await connection.DisposeAsync();
    }
}
