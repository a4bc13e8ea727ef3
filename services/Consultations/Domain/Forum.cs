namespace Iom.Consultations.Domain;

/// <summary>
/// An iDiaspora forum on a consultation: diaspora organisations (through their focal points) and individuals
/// (anonymously, with a receipt) answer the questions of its topics between its opening and closing dates.
/// </summary>
public sealed class Forum
{
    public Guid Id { get; init; }

    public Guid ConsultationId { get; init; }

    public required string Title { get; set; }

    public DateTimeOffset OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>ISO 639-1 codes, lower case.</summary>
    public List<string> Languages { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsOpen(DateTimeOffset now) => OpensAt <= now && now < ClosesAt;
}

/// <summary>One topic of a forum and the question it asks.</summary>
public sealed class ForumTopic
{
    public Guid Id { get; init; }

    public Guid ForumId { get; init; }

    public required string Title { get; init; }

    public required string Question { get; init; }

    public int Position { get; init; }
}

/// <summary>
/// A contribution to a forum topic, or a reply to one (one level deep). From an organisation (its focal point) or
/// from an individual (no account, no IP address: only the SHA-256 of the receipt's secret is kept).
/// </summary>
public sealed class ForumContribution
{
    public Guid Id { get; init; }

    public Guid ForumId { get; init; }

    public Guid TopicId { get; init; }

    /// <summary>The contribution this one replies to (itself never a reply).</summary>
    public Guid? ParentId { get; init; }

    /// <summary>The organisation a focal point contributed for; null for an individual.</summary>
    public Guid? OrganizationId { get; init; }

    /// <summary>Hash of the individual's receipt secret; null for an organisation.</summary>
    public byte[]? SecretHash { get; init; }

    /// <summary>ISO 3166-1 alpha-2 of the diaspora's country of origin.</summary>
    public required string CountryOfOrigin { get; init; }

    public required string Language { get; init; }

    public required string Text { get; set; }

    public ContributionState State { get; set; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? ModeratedAt { get; set; }

    public string? ModeratedBy { get; set; }

    public string? RejectionReason { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

public enum ContributionState
{
    Pending,
    Published,
    Rejected,
    Withdrawn,
}

/// <summary>One +1 on a contribution; the key says who: "sub:{token subject}" or "receipt:{receipt id}".</summary>
public sealed class ForumSupport
{
    public Guid ContributionId { get; init; }

    public required string SupporterKey { get; init; }

    public DateTimeOffset SupportedAt { get; init; }
}

/// <summary>The organiser's consolidation of a forum into the consultation's inputs, linking each contribution used.</summary>
public sealed class ForumSynthesis
{
    public Guid Id { get; init; }

    public Guid ForumId { get; init; }

    public Guid ConsultationId { get; init; }

    public required string Text { get; set; }

    public List<Guid> SourceContributionIds { get; set; } = [];

    public DateTimeOffset ConsolidatedAt { get; set; }
}
