using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Contracts.Campaign;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Input;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Public;

/// <summary>
/// The app's testimony feed: published testimonies whose authors consented to the campaign app, newest first,
/// by language, theme and country; keyset paging; output-cached in Redis with an ETag (If-None-Match → 304).
/// </summary>
internal static class ListPublishedTestimonies
{
    public sealed record Source(Guid Id, string Name, string? Acronym);

    public sealed record Item(
        Guid Id,
        string Title,
        string Story,
        string Language,
        IReadOnlyList<string> Themes,
        string? CountryOfOrigin,
        string? CountryOfResidence,
        string AuthorDisplay,
        Source? Source,
        DateTimeOffset PublishedAt);

    public sealed record Page(IReadOnlyList<Item> Items, string? NextCursor);

    public static async Task<IResult> HandleAsync(
        string? language, string? theme, string? country, string? cursor, int? limit, HttpContext http, CampaignDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(language is null || Languages.IsKnown(language), "language", $"'{language}' is not an ISO 639-1 language code.");
        errors.Require(theme is null || Themes.IsKnown(theme), "theme", $"Unknown theme '{theme}'.");
        errors.Require(country is null || Countries.IsKnown(country), "country", $"'{country}' is not an ISO 3166-1 alpha-2 country code.");
        if (!Cursor.TryRead(cursor, limit, errors, out var after, out var take))
        {
            return errors.ToProblem();
        }

        var query = Visible(db);
        if (language is not null)
        {
            var code = language.ToLowerInvariant();
            query = query.Where(t => t.Language == code);
        }

        if (theme is not null)
        {
            var wanted = theme.ToLowerInvariant();
            query = query.Where(t => t.Themes.Contains(wanted));
        }

        if (country is not null)
        {
            var code = country.ToUpperInvariant();
            query = query.Where(t => t.CountryOfOrigin == code || t.CountryOfResidence == code);
        }

        if (after is { } c)
        {
            query = query.Where(t => t.PublishedAt < c.At || (t.PublishedAt == c.At && t.Id.CompareTo(c.Id) < 0));
        }

        var rows = await query.OrderByDescending(t => t.PublishedAt).ThenByDescending(t => t.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).ToList();
        var sources = await SourcesAsync(db, page, cancellationToken);
        var next = rows.Count > take ? new Cursor(page[^1].PublishedAt!.Value, page[^1].Id).Encode() : null;
        return PublicCache.JsonWithETag(http, new Page([.. page.Select(t => ToItem(t, sources))], next));
    }

    /// <summary>What the public may see: published, and consented to the campaign app.</summary>
    internal static IQueryable<Testimony> Visible(CampaignDbContext db) =>
        db.Testimonies.AsNoTracking().Where(t => t.State == TestimonyState.Published && t.Consents.Contains(ConsentPurposes.CampaignApp));

    internal static async Task<Dictionary<Guid, Source>> SourcesAsync(CampaignDbContext db, IEnumerable<Testimony> testimonies, CancellationToken cancellationToken)
    {
        var ids = testimonies.Select(t => t.SourceOrganizationId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new Source(p.Id, p.Name, p.Acronym), cancellationToken);
    }

    internal static Item ToItem(Testimony t, Dictionary<Guid, Source> sources) => new(
        t.Id, t.PublicTitle, t.PublicStory, t.Language, t.Themes, t.CountryOfOrigin, t.CountryOfResidence, t.AuthorDisplay,
        t.SourceOrganizationId is { } org ? sources.GetValueOrDefault(org) ?? new Source(org, "Partner organisation", null) : null,
        t.PublishedAt!.Value);
}
