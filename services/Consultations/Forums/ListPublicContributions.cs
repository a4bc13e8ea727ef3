using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Input;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>
/// The published contributions of a forum, oldest first, paged (page, pageSize ≤ 100), filtered by topic, country of
/// origin and language. Anonymous; output-cached in Redis and evicted when a contribution is published, withdrawn or supported.
/// </summary>
internal static class ListPublicContributions
{
    public sealed record Response(IReadOnlyList<ContributionResponse> Items, int Page, int PageSize, int Total);

    public static async Task<IResult> HandleAsync(
        Guid forumId, Guid? topic, string? country, string? language, int? page, int? pageSize, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(country is null || Countries.IsKnown(country), "country", $"'{country}' is not an ISO 3166-1 alpha-2 country code.")
            .Require(language is null || Languages.IsKnown(language), "language", $"'{language}' is not an ISO 639-1 language code.")
            .Require(page is null or >= 1, "page", "Pages start at 1.")
            .Require(pageSize is null or (>= 1 and <= 100), "pageSize", "A page holds 1 to 100 contributions.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (!await db.Forums.AnyAsync(f => f.Id == forumId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var query = db.ForumContributions.AsNoTracking().Where(c => c.ForumId == forumId && c.State == ContributionState.Published);
        if (topic is { } t)
        {
            query = query.Where(c => c.TopicId == t);
        }

        if (country is not null)
        {
            var code = country.ToUpperInvariant();
            query = query.Where(c => c.CountryOfOrigin == code);
        }

        if (language is not null)
        {
            var code = language.ToLowerInvariant();
            query = query.Where(c => c.Language == code);
        }

        var number = page ?? 1;
        var size = pageSize ?? 20;
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).Skip((number - 1) * size).Take(size)
            .Select(c => new { Contribution = c, Supports = db.ForumSupports.Count(s => s.ContributionId == c.Id) })
            .ToListAsync(cancellationToken);
        var names = await OrganizationNames.LoadAsync(db, rows.Select(r => r.Contribution), cancellationToken);
        var items = rows.Select(r => ContributionResponse.From(r.Contribution, r.Contribution.OrganizationId is { } o ? names.GetValueOrDefault(o, "organisation") : null, r.Supports)).ToList();
        return TypedResults.Ok(new Response(items, number, size, total));
    }
}
