using Iom.Media.Domain;

namespace Iom.Media.Stories;

internal sealed record StoryResponse(
    Guid Id,
    string Status,
    string? Headline,
    string? Summary,
    string? Body,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    string Source,
    Guid? SourceId,
    string? Attribution,
    string? UsageTerms,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishAt,
    DateTimeOffset? EmbargoUntil,
    DateTimeOffset? PublishedAt,
    string? CorrectionNote,
    DateTimeOffset? CorrectedAt,
    string? WithdrawnReason,
    DateTimeOffset? WithdrawnAt,
    bool TextErased)
{
    public static StoryResponse From(Story s) => new(
        s.Id, s.Status.ToWire(), s.Headline, s.Summary, s.Body, s.Themes, s.Regions, s.Languages, s.SourceKind, s.SourceId,
        s.Attribution, s.UsageTerms, s.CreatedAt, s.UpdatedAt, s.PublishAt, s.EmbargoUntil, s.PublishedAt, s.CorrectionNote, s.CorrectedAt,
        s.WithdrawnReason, s.WithdrawnAt, s.TextErased);
}
