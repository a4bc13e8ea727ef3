namespace Iom.Messaging.Outbox;

/// <summary>An integration event waiting in the service's own database to be published.</summary>
public sealed class OutboxMessage
{
    /// <summary>Commit order; the relay publishes oldest first.</summary>
    public long Sequence { get; private set; }

    /// <summary>The MassTransit message id, so a consumer's inbox recognises a re-published row.</summary>
    public Guid MessageId { get; init; }

    /// <summary>"Namespace.Type, Assembly" of the contract.</summary>
    public required string MessageType { get; init; }

    public required string Body { get; init; }

    /// <summary>W3C traceparent of the request that staged the event, so the trace continues through the broker.</summary>
    public string? TraceParent { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }
}
