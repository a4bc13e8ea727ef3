namespace Iom.Contracts.Campaign;

/// <summary>A testimony arrived for moderation. No content: nothing personal leaves Campaign before it is cleared.</summary>
public sealed record TestimonySubmitted(Guid TestimonyId, string Language, Guid? SourceOrganizationId, DateTimeOffset SubmittedAt);

/// <summary>
/// A moderated testimony was published, with its cleared (possibly redacted) content and the purposes its
/// author consented to. The only event that carries testimony content; Media takes it only when cleared for press.
/// </summary>
/// <param name="AuthorDisplay">How the author chose to be shown: a first name, or "Anonymous".</param>
/// <param name="Purposes">Subset of <see cref="ConsentPurposes.All"/>.</param>
public sealed record TestimonyPublished(
    Guid TestimonyId,
    string Title,
    string Story,
    string Language,
    IReadOnlyList<string> Themes,
    string? CountryOfOrigin,
    string? CountryOfResidence,
    string AuthorDisplay,
    Guid? SourceOrganizationId,
    IReadOnlyList<string> Purposes,
    DateTimeOffset PublishedAt);

/// <summary>A published testimony was taken down (reported, or put back on hold by a moderator).</summary>
public sealed record TestimonyUnpublished(Guid TestimonyId, string Reason, DateTimeOffset UnpublishedAt);

/// <summary>
/// The author withdrew consent for some purposes, or all (<paramref name="Complete"/>): every service removes
/// its copy for those purposes. Ids and purposes only.
/// </summary>
public sealed record ConsentWithdrawn(Guid TestimonyId, IReadOnlyList<string> Purposes, bool Complete, DateTimeOffset WithdrawnAt);
