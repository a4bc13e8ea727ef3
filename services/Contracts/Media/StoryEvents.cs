namespace Iom.Contracts.Media;

/// <summary>A story went out on the journalist feed.</summary>
/// <param name="SourceKind">testimony, consultation-outcome or media-team.</param>
public sealed record StoryPublished(
    Guid StoryId,
    string Headline,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    string SourceKind,
    Guid? SourceId,
    DateTimeOffset PublishedAt);

public sealed record StoryCorrected(Guid StoryId, string Note, DateTimeOffset CorrectedAt);

/// <summary>A story was withdrawn (e.g. its testimony's consent was withdrawn); feeds show a tombstone.</summary>
public sealed record StoryWithdrawn(Guid StoryId, string Reason, DateTimeOffset WithdrawnAt);

/// <summary>A journalist's feed key stopped working (revoked, or the media partner was suspended).</summary>
public sealed record JournalistKeyRevoked(Guid JournalistId, Guid KeyId, string Reason, DateTimeOffset RevokedAt);
