using Iom.Consultations.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>A member's own reads and papers, in every state (the PDF's size and checksum, not its bytes).</summary>
internal static class ListMyWork
{
    public sealed record PaperSummary(Guid Id, Guid ConsultationId, Guid SessionId, string Title, string State, string? EditorNote, string? PdfSha256, DateTimeOffset UpdatedAt);

    public sealed record Response(Guid MemberId, string Name, IReadOnlyList<ReadResponse> Reads, IReadOnlyList<PaperSummary> Papers);

    public static async Task<IResult> HandleAsync(HttpContext http, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var (member, unauthorized) = await SyndicateToken.MemberAsync(http, db, cancellationToken);
        if (unauthorized is not null)
        {
            return unauthorized;
        }

        var reads = await db.RecommendedReads.AsNoTracking().Where(r => r.MemberId == member!.Id).OrderBy(r => r.SubmittedAt).ToListAsync(cancellationToken);
        var papers = await db.ResearchPapers.AsNoTracking().Where(p => p.MemberId == member!.Id).OrderBy(p => p.CreatedAt)
            .Select(p => new { p.Id, p.ConsultationId, p.SessionId, p.Title, p.State, p.EditorNote, p.PdfSha256, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Response(
            member!.Id, member.Name, [.. reads.Select(r => ReadResponse.From(r, member.Name))],
            [.. papers.Select(p => new PaperSummary(p.Id, p.ConsultationId, p.SessionId, p.Title, p.State.ToWire(), p.EditorNote, p.PdfSha256, p.UpdatedAt))]));
    }
}
