namespace Iom.Campaign.Domain;

/// <summary>One moderation action on a testimony: who, when, what. Never the testimony's content.</summary>
public sealed class ModerationAuditEntry
{
    public long Id { get; init; }

    public Guid TestimonyId { get; init; }

    /// <summary>The moderator's subject, or "author", "public", "system:scheduler".</summary>
    public required string Actor { get; init; }

    /// <summary>submitted, approved, scheduled, published, rejected, held, edited, unpublished, reported, consent-withdrawn.</summary>
    public required string Action { get; init; }

    public string? Detail { get; set; }

    public DateTimeOffset At { get; init; }
}
