using Iom.Campaign.Domain;
using Iom.ServiceDefaults.Privacy;

namespace Iom.Campaign.Moderation;

/// <summary>What moderators see: the original, their safety edit, the screening flags on what would be published.</summary>
internal sealed record ModerationView(
    Guid Id,
    string State,
    string Language,
    IReadOnlyList<string> Themes,
    string? CountryOfOrigin,
    string? CountryOfResidence,
    string AuthorDisplay,
    Guid? SourceOrganizationId,
    string? ConsentReference,
    IReadOnlyList<string> Consents,
    string? Title,
    string? Story,
    string? RedactedTitle,
    string? RedactedStory,
    IReadOnlyList<ScreeningFlag> Flags,
    int ReportCount,
    DateTimeOffset? FlaggedAt,
    string? ModerationNote,
    DateTimeOffset SubmittedAt,
    DateTimeOffset QueuedAt,
    DateTimeOffset? PublishAt,
    DateTimeOffset? PublishedAt)
{
    public static ModerationView From(Testimony t) => new(
        t.Id, t.State.ToWire(), t.Language, t.Themes, t.CountryOfOrigin, t.CountryOfResidence, t.AuthorDisplay,
        t.SourceOrganizationId, t.ConsentReference, t.Consents, t.Title, t.Story, t.RedactedTitle, t.RedactedStory,
        t.State == TestimonyState.Withdrawn ? [] : Screening.Scan(t.PublicTitle, t.PublicStory),
        t.ReportCount, t.FlaggedAt, t.ModerationNote, t.SubmittedAt, t.QueuedAt, t.PublishAt, t.PublishedAt);
}
