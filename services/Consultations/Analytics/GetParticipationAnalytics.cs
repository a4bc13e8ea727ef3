using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Analytics;

/// <summary>
/// "In the last five years, N CSO representatives took part, M as speakers": distinct people (by e-mail) who
/// checked in at consultations starting in [from, to], overall and per year, kind and region. Computed from
/// attendance, never typed in. Forum contributions (iDiaspora) are counted alongside, by origin, language and organisation type.
/// </summary>
internal static class GetParticipationAnalytics
{
    public sealed record Counts(int Representatives, int Speakers);

    public sealed record Group(string Key, int Representatives, int Speakers);

    public sealed record Response(DateOnly From, DateOnly To, int Consultations, int Representatives, int Speakers, IReadOnlyList<Group> ByYear, IReadOnlyList<Group> ByKind, IReadOnlyList<Group> ByRegion, ForumParticipation.Figures Forum);

    private sealed record Attendance(string Person, bool Speaker, int Year, string Kind, string Region, Guid ConsultationId);

    public static async Task<Results<Ok<Response>, ValidationProblem>> HandleAsync(
        DateOnly? from, DateOnly? to, string? kind, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var end = to ?? today;
        var start = from ?? end.AddYears(-5);
        var errors = new ValidationErrors()
            .Require(start <= end, "from", "'from' must not be after 'to'.")
            .Require(kind is null || ConsultationKinds.IsKnown(kind), "kind", $"Unknown consultation kind '{kind}'.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var lower = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var upper = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var consultations = db.Consultations.Where(c => c.StartsAt >= lower && c.StartsAt < upper && c.Status != ConsultationStatus.Cancelled);
        if (kind is not null)
        {
            consultations = consultations.Where(c => c.Kind == kind);
        }

        var rows = await (
            from r in db.Registrations
            join c in consultations on r.ConsultationId equals c.Id
            where r.CheckedInAt != null && r.Status == RegistrationStatus.Registered
            select new { r.DelegateEmail, r.Panelist, c.Id, c.StartsAt, c.Kind, c.Region, c.Country })
            .AsNoTracking().ToListAsync(cancellationToken);
        var attendance = rows.Select(r => new Attendance(
            r.DelegateEmail, r.Panelist, r.StartsAt.UtcDateTime.Year, r.Kind,
            new Consultation { Kind = r.Kind, Title = string.Empty, Region = r.Region, Country = r.Country }.EffectiveRegion, r.Id)).ToList();
        var forum = await ForumParticipation.ComputeAsync(db, consultations, cancellationToken);

        return TypedResults.Ok(new Response(
            start, end,
            attendance.Select(a => a.ConsultationId).Distinct().Count(),
            Distinct(attendance), DistinctSpeakers(attendance),
            GroupBy(attendance, a => a.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            GroupBy(attendance, a => a.Kind),
            GroupBy(attendance, a => a.Region),
            forum));
    }

    private static int Distinct(IEnumerable<Attendance> a) => a.Select(x => x.Person).Distinct(StringComparer.Ordinal).Count();

    private static int DistinctSpeakers(IEnumerable<Attendance> a) => a.Where(x => x.Speaker).Select(x => x.Person).Distinct(StringComparer.Ordinal).Count();

    private static List<Group> GroupBy(IEnumerable<Attendance> attendance, Func<Attendance, string> key) =>
        attendance.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Group(g.Key, Distinct(g), DistinctSpeakers(g))).ToList();
}
