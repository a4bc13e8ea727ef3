using Iom.Campaign.Actions;
using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Input;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Public;

/// <summary>
/// The app's upcoming volunteer actions, soonest first: not cancelled, not started, and organised by a partner that
/// is active in the Registry (a suspended partner's actions are hidden). Filters by country and theme; keyset paging.
/// </summary>
internal static class ListUpcomingActions
{
    public sealed record Page(IReadOnlyList<ActionView> Items, string? NextCursor);

    public static async Task<IResult> HandleAsync(
        string? country, string? theme, bool? online, string? cursor, int? limit, HttpContext http, CampaignDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(theme is null || Themes.IsKnown(theme), "theme", $"Unknown theme '{theme}'.");
        errors.Require(country is null || Countries.IsKnown(country), "country", $"'{country}' is not an ISO 3166-1 alpha-2 country code.");
        if (!Cursor.TryRead(cursor, limit, errors, out var after, out var take))
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var query = Visible(db, now);
        if (country is not null)
        {
            var code = country.ToUpperInvariant();
            query = query.Where(x => x.Action.Country == code);
        }

        if (theme is not null)
        {
            var wanted = theme.ToLowerInvariant();
            query = query.Where(x => x.Action.Themes.Contains(wanted));
        }

        if (online is { } o)
        {
            query = query.Where(x => x.Action.Online == o);
        }

        if (after is { } c)
        {
            query = query.Where(x => x.Action.StartsAt > c.At || (x.Action.StartsAt == c.At && x.Action.Id.CompareTo(c.Id) > 0));
        }

        var rows = await query.OrderBy(x => x.Action.StartsAt).ThenBy(x => x.Action.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).ToList();
        var next = rows.Count > take ? new Cursor(page[^1].Action.StartsAt, page[^1].Action.Id).Encode() : null;
        return PublicCache.JsonWithETag(http, new Page([.. page.Select(x => ActionView.From(x.Action, x.Partner, now))], next));
    }

    /// <summary>A class with init properties (not a positional record), so EF can keep filtering on it.</summary>
    internal sealed class Row
    {
        public required VolunteerAction Action { get; init; }

        public required Partner Partner { get; init; }
    }

    /// <summary>Upcoming, not cancelled, by an active partner.</summary>
    internal static IQueryable<Row> Visible(CampaignDbContext db, DateTimeOffset now) =>
        from a in db.VolunteerActions.AsNoTracking()
        join p in db.Partners.AsNoTracking() on a.OrganizationId equals p.Id
        where !a.Cancelled && a.StartsAt > now && p.Status == PartnerStatus.Active
        select new Row { Action = a, Partner = p };
}
