namespace Iom.Messaging.Inbox;

/// <summary>A message a consumer has already handled: (message id, consumer) is the key.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
