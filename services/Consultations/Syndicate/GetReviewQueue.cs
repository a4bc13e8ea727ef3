using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>What waits for the syndicate editors: submitted papers (oldest first) and reads.</summary>
internal static class GetReviewQueue
{
    public sealed record PaperItem(Guid Id, Guid MemberId, string Author, Guid ConsultationId, Guid SessionId, string Title, string Abstract, string? PdfSha256, DateTimeOffset UpdatedAt);

    public sealed record Response(IReadOnlyList<PaperItem> Papers, IReadOnlyList<ReadResponse> Reads);

    public static async Task<IResult> HandleAsync(ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var papers = await (
            from p in db.ResearchPapers.AsNoTracking()
            join m in db.SyndicateMembers.AsNoTracking() on p.MemberId equals m.Id
            where p.State == ReviewState.Submitted
            orderby p.UpdatedAt
            select new PaperItem(p.Id, m.Id, m.Name, p.ConsultationId, p.SessionId, p.Title, p.Abstract, p.PdfSha256, p.UpdatedAt))
            .Take(500).ToListAsync(cancellationToken);
        var reads = await (
            from r in db.RecommendedReads.AsNoTracking()
            join m in db.SyndicateMembers.AsNoTracking() on r.MemberId equals m.Id
            where r.State == ReviewState.Submitted
            orderby r.SubmittedAt
            select new { Read = r, m.Name })
            .Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Response(papers, [.. reads.Select(r => ReadResponse.From(r.Read, r.Name))]));
    }
}
