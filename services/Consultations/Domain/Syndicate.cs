namespace Iom.Consultations.Domain;

/// <summary>
/// A researcher invited to the Migration Research Leaders Syndicate. The invitation token is the credential
/// (docs/adr/0009-idiaspora-receipts-and-syndicate-invitations.md): only its SHA-256 is stored. The institution, when there is one, is
/// a Registry partner known from its events.
/// </summary>
public sealed class SyndicateMember
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>For IOM's syndicate team only; never published, never in an event.</summary>
    public required string Email { get; set; }

    public Guid? InstitutionId { get; set; }

    public required byte[] TokenHash { get; init; }

    public DateTimeOffset InvitedAt { get; init; }

    public string? InvitedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>One of a member's (at most three) recommended reads for policymakers on a consultation.</summary>
public sealed class RecommendedRead
{
    public Guid Id { get; init; }

    public Guid MemberId { get; init; }

    public Guid ConsultationId { get; init; }

    public required string Title { get; init; }

    public List<string> Authors { get; init; } = [];

    public int Year { get; init; }

    public string? Doi { get; init; }

    public string? Url { get; init; }

    public required string WhyItMatters { get; init; }

    public ReviewState State { get; set; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>A short technical paper tied to a session of a GCM thematic consultation; Markdown body, optional PDF.</summary>
public sealed class ResearchPaper
{
    public Guid Id { get; init; }

    public Guid MemberId { get; init; }

    public Guid ConsultationId { get; init; }

    /// <summary>The agenda session (a GCM thematic session) the paper informs.</summary>
    public Guid SessionId { get; init; }

    public required string Title { get; set; }

    public required string Abstract { get; set; }

    public required string BodyMarkdown { get; set; }

    public required string Licence { get; set; }

    public byte[]? Pdf { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Pdf"/>.</summary>
    public string? PdfSha256 { get; set; }

    public ReviewState State { get; set; }

    public string? EditorNote { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }
}

/// <summary>draft → submitted → published, or submitted → returned (to the member) → submitted again.</summary>
public enum ReviewState
{
    Draft,
    Submitted,
    Returned,
    Published,
}
