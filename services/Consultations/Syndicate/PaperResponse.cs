using Iom.Consultations.Domain;

namespace Iom.Consultations.Syndicate;

/// <summary>A paper for its author and the editors: Markdown and its safe HTML, the PDF's size and checksum (not its bytes).</summary>
internal sealed record PaperResponse(
    Guid Id, Guid ConsultationId, Guid SessionId, string Title, string Abstract, string Body, string BodyHtml, string Licence,
    long? PdfBytes, string? PdfSha256, string State, string? EditorNote, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt)
{
    public static PaperResponse From(ResearchPaper p, long? pdfBytes) => new(
        p.Id, p.ConsultationId, p.SessionId, p.Title, p.Abstract, p.BodyMarkdown, SafeMarkdown.ToHtml(p.BodyMarkdown), p.Licence,
        pdfBytes, p.PdfSha256, p.State.ToWire(), p.EditorNote, p.UpdatedAt, p.PublishedAt);
}
