using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>
/// The public reading list: published recommended reads, by consultation when asked, as JSON, BibTeX or RIS.
/// Anonymous and output-cached; publishing or withdrawing a read evicts it.
/// </summary>
internal static class GetReadingList
{
    public static Task<IResult> JsonAsync(Guid? consultationId, ConsultationsDbContext db, CancellationToken cancellationToken) =>
        RunAsync(consultationId, db, reads => TypedResults.Ok(reads.Select(r => ReadResponse.From(r.Read, r.Name)).ToList()), cancellationToken);

    public static Task<IResult> BibTexAsync(Guid? consultationId, ConsultationsDbContext db, CancellationToken cancellationToken) =>
        RunAsync(consultationId, db, reads => TypedResults.Text(Citations.ToBibTex(reads.Select(ToCitation)), Citations.BibTexType), cancellationToken);

    public static Task<IResult> RisAsync(Guid? consultationId, ConsultationsDbContext db, CancellationToken cancellationToken) =>
        RunAsync(consultationId, db, reads => TypedResults.Text(Citations.ToRis(reads.Select(ToCitation)), Citations.RisType), cancellationToken);

    private sealed record Row(RecommendedRead Read, string Name);

    private static Citation ToCitation(Row r) => new(
        r.Read.Id, "read", r.Read.Title, r.Read.Authors, r.Read.Year, r.Read.Doi, r.Read.Url, null, $"Recommended by {r.Name}: {r.Read.WhyItMatters}");

    private static async Task<IResult> RunAsync(Guid? consultationId, ConsultationsDbContext db, Func<List<Row>, IResult> render, CancellationToken cancellationToken)
    {
        var query = db.RecommendedReads.AsNoTracking().Where(r => r.State == ReviewState.Published);
        if (consultationId is { } id)
        {
            query = query.Where(r => r.ConsultationId == id);
        }

        var rows = await (
            from r in query
            join m in db.SyndicateMembers.AsNoTracking() on r.MemberId equals m.Id
            orderby r.ConsultationId, r.PublishedAt, r.Id
            select new Row(r, m.Name))
            .Take(2000).ToListAsync(cancellationToken);
        return render(rows);
    }
}
