namespace Iom.Contracts.Consultations;

/// <summary>
/// A Migration Research Leaders Syndicate paper passed editorial review and is public. The Media service turns it
/// into a draft story for its editors. Authors are the researcher's public byline; no e-mail.
/// </summary>
/// <param name="PaperPath">The public paper page, relative to the gateway (e.g. /api/consultations/public/syndicate/papers/{id}).</param>
public sealed record ResearchPaperPublished(
    Guid PaperId,
    Guid ConsultationId,
    string ConsultationTitle,
    string SessionTitle,
    string Title,
    string Abstract,
    string Author,
    string? Institution,
    IReadOnlyList<string> Themes,
    string? Region,
    string Licence,
    string PaperPath,
    DateTimeOffset PublishedAt);
