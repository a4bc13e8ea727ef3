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

    /// <summary>Publish attempts that failed because of the row itself (not because the broker was away).</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// Set once <see cref="Attempts"/> reaches the limit: the relay skips the row (so the rows after it go out) until an
    /// operator re-sends it. Kept, counted in iom.outbox.parked, listed by GET {service}/admin/outbox/parked.
    /// </summary>
    public DateTimeOffset? ParkedAt { get; set; }

    /// <summary>The last failure's exception type and message (never the body), for the operator deciding to re-send.</summary>
    public string? LastError { get; set; }
}
