using Iom.Contracts.Reference;
using Iom.Registry.Domain;

namespace Iom.Registry.Organizations;

/// <summary>
/// What the listing and the export look for, parsed from the query string (a bad value is a 400 naming it). The search
/// itself is <see cref="OrganizationSearch"/>, its SQL <see cref="OrganizationSearchSql"/>, its cursor <see cref="OrganizationCursor"/>.
/// </summary>
public sealed class OrganizationFilter
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    public const int MaxQueryWords = 8;

    private OrganizationFilter()
    {
    }

    public string? Query { get; private init; }

    /// <summary>The query's words (lower case), each matched typo-tolerantly.</summary>
    public IReadOnlyList<string> Words { get; private init; } = [];

    public OrganizationType? Type { get; private init; }

    public string? Country { get; private init; }

    public string? Region { get; private init; }

    public string? Theme { get; private init; }

    public OrganizationStatus? Status { get; private init; }

    public bool? Observer { get; private init; }

    public int Limit { get; private init; } = DefaultLimit;

    public OrganizationCursor? After { get; private init; }

    public static OrganizationFilter? Parse(OrganizationFilterRequest request, FieldErrors errors, bool paging)
    {
        var q = string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim();
        errors.Require(q is null || q.Length <= 200, "q", "The search text is longer than 200 characters.");
        var words = q is null ? [] : Organization.WordsOf(q);
        errors.Require(words.Count <= MaxQueryWords, "q", $"Search with at most {MaxQueryWords} words.");
        if (q is not null && words.Count == 0)
        {
            q = null; // only punctuation: no text condition
        }
        OrganizationType? type = null;
        if (request.Type is not null)
        {
            if (WireNames.TryParse<OrganizationType>(request.Type.Trim(), out var t))
            {
                type = t;
            }
            else
            {
                errors.Add("type", $"Unknown organisation type '{request.Type}'. Known types: {string.Join(", ", WireNames.Names<OrganizationType>())}.");
            }
        }

        var country = request.Country?.Trim().ToUpperInvariant();
        errors.Require(country is null || Countries.IsKnown(country), "country", $"'{request.Country}' is not an ISO 3166-1 alpha-2 country code.");
        var region = request.Region is null ? null : Countries.Regions.FirstOrDefault(r => r.Equals(request.Region.Trim(), StringComparison.OrdinalIgnoreCase));
        errors.Require(request.Region is null || region is not null, "region", $"Unknown region '{request.Region}'. Known regions: {string.Join(", ", Countries.Regions)}.");
        var theme = request.Theme?.Trim().ToLowerInvariant();
        errors.Require(theme is null || Themes.IsKnown(theme), "theme", $"Unknown theme '{request.Theme}'.");
        OrganizationStatus? status = null;
        if (request.Status is not null)
        {
            if (WireNames.TryParse<OrganizationStatus>(request.Status.Trim(), out var s))
            {
                status = s;
            }
            else
            {
                errors.Add("status", $"Unknown status '{request.Status}'. Known: {string.Join(", ", WireNames.Names<OrganizationStatus>())}.");
            }
        }

        bool? observer = null;
        if (request.Observer is not null)
        {
            if (bool.TryParse(request.Observer.Trim(), out var o))
            {
                observer = o;
            }
            else
            {
                errors.Add("observer", "observer must be true or false.");
            }
        }

        var limit = DefaultLimit;
        OrganizationCursor? after = null;
        if (paging)
        {
            if (request.Limit is not null && (!int.TryParse(request.Limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
            {
                errors.Add("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            }

            if (request.After is not null)
            {
                after = OrganizationCursor.Decode(request.After);
                errors.Require(after is not null && after.Continues(textSearch: q is not null),
                    "after", "after is not a cursor of this listing (take it from the previous page's 'next').");
            }
        }

        return errors.IsValid
            ? new OrganizationFilter { Query = q, Words = words, Type = type, Country = country, Region = region, Theme = theme, Status = status, Observer = observer, Limit = limit, After = after }
            : null;
    }
}
