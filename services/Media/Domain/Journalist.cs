namespace Iom.Media.Domain;

/// <summary>A journalist of the media partner's network. The e-mail is personal data: staff-only, never logged or published.</summary>
public sealed class Journalist
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Outlet { get; set; }

    public required string Country { get; set; }

    public List<string> Beats { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    public required string Email { get; set; }

    public Guid? PartnerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<FeedKey> Keys { get; set; } = [];
}

/// <summary>
/// A feed key: the secret is shown once at creation and stored only as its SHA-256 hash. Several may be active
/// per journalist (rotation). A revoked key never works again; a key of a suspended partner is suspended.
/// </summary>
public sealed class FeedKey
{
    public Guid Id { get; set; }

    public Guid JournalistId { get; set; }

    public required byte[] Hash { get; set; }

    public string? Label { get; set; }

    public bool EmbargoAccess { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}
