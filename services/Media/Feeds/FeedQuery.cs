using Iom.Contracts.Reference;
using Iom.Media.Stories;
using Iom.ServiceDefaults.Input;

namespace Iom.Media.Feeds;

/// <summary>The filters and page of a feed request (?theme=&amp;region=&amp;language=&amp;page=); unknown values are a 400.</summary>
public sealed record FeedQuery(string? Theme, string? Region, string? Language, int Page)
{
    private static readonly FeedQuery Everything = new(null, null, null, 1);

    public static FeedQuery Parse(IQueryCollection query, ValidationErrors errors)
    {
        if (query.Count == 0 || (query.Count == 1 && query.ContainsKey("key")))
        {
            return Everything;
        }

        var theme = Single(query, "theme", errors)?.ToLowerInvariant();
        errors.Require(theme is null || Themes.IsKnown(theme), "theme", $"Unknown theme '{theme}'. Known themes: {string.Join(", ", Themes.All)}.");
        var regionText = Single(query, "region", errors);
        var region = StoryInput.CanonicalRegion(regionText);
        errors.Require(regionText is null || region is not null, "region", $"Unknown region '{regionText}': use a UN M49 region or sub-region.");
        var language = Single(query, "language", errors)?.ToLowerInvariant();
        errors.Require(language is null || Languages.IsKnown(language), "language", $"Unknown language '{language}': use an ISO 639-1 code.");
        var pageText = Single(query, "page", errors);
        var page = 1;
        errors.Require(pageText is null || (int.TryParse(pageText, out page) && page is >= 1 and <= 10_000), "page", "The page is a number from 1.");
        return new FeedQuery(theme, region, language, pageText is null ? 1 : page);
    }

    /// <summary>The feed URL for this query (no key: it never appears in a rendered feed), for another page.</summary>
    public string Url(string baseUrl, string path, int page, bool keyInQuery = false)
    {
        var parts = new List<string>();
        if (keyInQuery)
        {
            parts.Add("key=" + KeyPlaceholder);
        }

        if (Theme is not null)
        {
            parts.Add("theme=" + Uri.EscapeDataString(Theme));
        }

        if (Region is not null)
        {
            parts.Add("region=" + Uri.EscapeDataString(Region));
        }

        if (Language is not null)
        {
            parts.Add("language=" + Uri.EscapeDataString(Language));
        }

        if (page > 1)
        {
            parts.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return baseUrl + path + (parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts));
    }

    /// <summary>
    /// Stands for the caller's key in the links of a page requested with ?key= (feed readers follow next links with
    /// it); replaced per response, so the cached page and its ETag stay the same for every key.
    /// </summary>
    public const string KeyPlaceholder = "IOMFEEDKEYPLACEHOLDER";

    public string Variant(string format, bool embargo, string baseUrl, bool keyInQuery) =>
        $"{format}|{Theme}|{Region}|{Language}|{Page}|{(embargo ? 1 : 0)}|{(keyInQuery ? "q" : "h")}|{baseUrl}";

    private static string? Single(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        errors.Require(values.Count == 1, name, $"Give '{name}' once.");
        var value = values.ToString().Trim();
        errors.Require(value.Length is > 0 and <= 100, name, $"'{name}' is empty or too long.");
        return value.Length == 0 ? null : value;
    }
}
