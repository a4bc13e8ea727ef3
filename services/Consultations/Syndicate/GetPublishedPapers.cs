using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>The public paper pages: the list, one paper (abstract, body as safe HTML, PDF link and checksum), its PDF and its citation.</summary>
internal static class GetPublishedPapers
{
    public sealed record Summary(Guid Id, Guid ConsultationId, string Title, string Abstract, string Author, DateTimeOffset PublishedAt, string Link);

    public sealed record Page(
        Guid Id, Guid ConsultationId, string ConsultationTitle, Guid SessionId, string SessionTitle, string Title, string Abstract, string BodyHtml,
        string Author, string? Institution, string Licence, string? PdfLink, string? PdfSha256, DateTimeOffset PublishedAt, string BibTexLink, string RisLink);

    private sealed record Row(ResearchPaper Paper, string Author, string? Institution, string ConsultationTitle, string SessionTitle);

    public static async Task<IResult> ListAsync(Guid? consultationId, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var query = db.ResearchPapers.AsNoTracking().Where(p => p.State == ReviewState.Published);
        if (consultationId is { } id)
        {
            query = query.Where(p => p.ConsultationId == id);
        }

        var list = await (
            from p in query
            join m in db.SyndicateMembers.AsNoTracking() on p.MemberId equals m.Id
            orderby p.PublishedAt descending
            select new Summary(p.Id, p.ConsultationId, p.Title, p.Abstract, m.Name, p.PublishedAt!.Value, "/api/consultations/public/syndicate/papers/" + p.Id))
            .Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(list);
    }

    public static async Task<IResult> PageAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, db, cancellationToken);
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        var p = row.Paper;
        var self = $"/api/consultations/public/syndicate/papers/{p.Id}";
        return TypedResults.Ok(new Page(
            p.Id, p.ConsultationId, row.ConsultationTitle, p.SessionId, row.SessionTitle, p.Title, p.Abstract, SafeMarkdown.ToHtml(p.BodyMarkdown),
            row.Author, row.Institution, p.Licence, p.PdfSha256 is null ? null : self + "/pdf", p.PdfSha256, p.PublishedAt!.Value, self + "/citation.bib", self + "/citation.ris"));
    }

    public static async Task<IResult> PdfAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var pdf = await db.ResearchPapers.AsNoTracking().Where(p => p.Id == id && p.State == ReviewState.Published && p.Pdf != null)
            .Select(p => new { p.Pdf, p.PdfSha256 }).FirstOrDefaultAsync(cancellationToken);
        if (pdf is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.File(pdf.Pdf!, "application/pdf", $"iom-syndicate-{id:N}.pdf", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{pdf.PdfSha256}\""));
    }

    public static async Task<IResult> BibTexAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, db, cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Text(Citations.ToBibTex([ToCitation(row)]), Citations.BibTexType);
    }

    public static async Task<IResult> RisAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, db, cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Text(Citations.ToRis([ToCitation(row)]), Citations.RisType);
    }

    private static Citation ToCitation(Row row) => new(
        row.Paper.Id, "paper", row.Paper.Title, [row.Author], row.Paper.PublishedAt!.Value.Year, null,
        $"/api/consultations/public/syndicate/papers/{row.Paper.Id}", row.Institution,
        $"Migration Research Leaders Syndicate paper for {row.SessionTitle} ({row.ConsultationTitle}). Licence: {row.Paper.Licence}.");

    private static async Task<Row?> FindAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var found = await (
            from p in db.ResearchPapers.AsNoTracking()
            join m in db.SyndicateMembers.AsNoTracking() on p.MemberId equals m.Id
            join c in db.Consultations.AsNoTracking() on p.ConsultationId equals c.Id
            join s in db.AgendaSessions.AsNoTracking() on p.SessionId equals s.Id
            where p.Id == id && p.State == ReviewState.Published
            select new
            {
                p.Id,
                p.ConsultationId,
                p.SessionId,
                p.Title,
                p.Abstract,
                p.BodyMarkdown,
                p.Licence,
                p.PdfSha256,
                p.PublishedAt,
                p.MemberId,
                Author = m.Name,
                m.InstitutionId,
                ConsultationTitle = c.Title,
                SessionTitle = s.Title,
            }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var institution = found.InstitutionId is { } i ? await db.Partners.AsNoTracking().Where(p => p.Id == i).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var paper = new ResearchPaper
        {
            Id = found.Id,
            MemberId = found.MemberId,
            ConsultationId = found.ConsultationId,
            SessionId = found.SessionId,
            Title = found.Title,
            Abstract = found.Abstract,
            BodyMarkdown = found.BodyMarkdown,
            Licence = found.Licence,
            PdfSha256 = found.PdfSha256,
            PublishedAt = found.PublishedAt,
            State = ReviewState.Published,
        };
        return new Row(paper, found.Author, institution, found.ConsultationTitle, found.SessionTitle);
    }
}
