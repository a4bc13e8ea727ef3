namespace Iom.Campaign.Idempotency;

/// <summary>
/// The durable record of one Idempotency-Key (in Campaign's own database, so it survives a Redis outage): claimed
/// in progress under a short lease, then completed with the response in the same transaction as the change itself.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>SHA-256 (hex) of the scope and the key; the key itself is not stored.</summary>
    public required string KeyHash { get; init; }

    /// <summary>What the key was used for, e.g. "testimonies" or "signups:{actionId}".</summary>
    public required string Scope { get; init; }

    /// <summary>HMAC-SHA256 (hex) of the request body, keyed with the Idempotency-Key: the same key with another body is a 422.</summary>
    public required string RequestHash { get; set; }

    public IdempotencyState State { get; set; }

    /// <summary>Who holds the lease of an in-progress record; a takeover after the lease gives it a new owner.</summary>
    public Guid Owner { get; set; }

    public DateTimeOffset LeaseUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int? StatusCode { get; set; }

    public string? Location { get; set; }

    /// <summary>The stored response body, AES-GCM-encrypted under a key derived from the Idempotency-Key (it holds the receipt secret).</summary>
    public string? Body { get; set; }

    /// <summary>What the request created (a testimony), so its erasure takes this record with it.</summary>
    public Guid? ResourceId { get; set; }
}

public enum IdempotencyState
{
    InProgress,
    Completed,
}
