using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Analytics;

/// <summary>
/// iDiaspora forum contributions (neither rejected nor withdrawn) to the forums of the consultations analysed
/// (those starting in the period): by country of origin, language and organisation type ("individual" for anonymous ones).
/// </summary>
internal static class ForumParticipation
{
    public const string Individual = "individual";

    public sealed record Count(string Key, int Contributions);

    public sealed record Figures(int Contributions, int Organisations, int Individuals, IReadOnlyList<Count> ByCountryOfOrigin, IReadOnlyList<Count> ByLanguage, IReadOnlyList<Count> ByOrganizationType);

    public static async Task<Figures> ComputeAsync(ConsultationsDbContext db, IQueryable<Consultation> consultations, CancellationToken cancellationToken)
    {
        var rows = await (
            from c in db.ForumContributions.AsNoTracking()
            join f in db.Forums.AsNoTracking() on c.ForumId equals f.Id
            join k in consultations on f.ConsultationId equals k.Id
            where c.State != ContributionState.Rejected && c.State != ContributionState.Withdrawn
            join p in db.Partners.AsNoTracking() on c.OrganizationId equals (Guid?)p.Id into partners
            from p in partners.DefaultIfEmpty()
            select new { c.OrganizationId, c.CountryOfOrigin, c.Language, Type = p == null ? null : p.Type })
            .ToListAsync(cancellationToken);
        return new Figures(
            rows.Count,
            rows.Where(r => r.OrganizationId is not null).Select(r => r.OrganizationId).Distinct().Count(),
            rows.Count(r => r.OrganizationId is null),
            Group(rows.Select(r => r.CountryOfOrigin)),
            Group(rows.Select(r => r.Language)),
            Group(rows.Select(r => r.OrganizationId is null ? Individual : r.Type ?? "unknown")));
    }

    private static List<Count> Group(IEnumerable<string> keys) =>
        [.. keys.GroupBy(k => k, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Count(g.Key, g.Count()))];
}
