using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Input;

namespace Iom.Media.Stories;

/// <summary>Validation and normalisation of a story's content fields, shared by create and edit.</summary>
internal static class StoryInput
{
    public const int HeadlineMax = 300;
    public const int SummaryMax = 2000;
    public const int BodyMax = 50_000;

    public static void ValidateText(ValidationErrors errors, string? headline, string? summary, string? body)
    {
        errors.Require(!string.IsNullOrWhiteSpace(headline), "headline", "A headline is required.");
        errors.Require(headline is null || headline.Trim().Length <= HeadlineMax, "headline", $"The headline is longer than {HeadlineMax} characters.");
        errors.Require(summary is null || summary.Trim().Length <= SummaryMax, "summary", $"The summary is longer than {SummaryMax} characters.");
        errors.Require(body is null || body.Length <= BodyMax, "body", $"The body is longer than {BodyMax} characters.");
    }

    public static List<string> Themes(ValidationErrors errors, IReadOnlyList<string?>? values, string field = "themes")
    {
        var result = new List<string>();
        foreach (var v in values ?? [])
        {
            var t = v?.Trim().ToLowerInvariant();
            if (!Iom.Contracts.Reference.Themes.IsKnown(t))
            {
                errors.Add(field, $"Unknown theme '{v}'. Known themes: {string.Join(", ", Iom.Contracts.Reference.Themes.All)}.");
            }
            else if (!result.Contains(t!))
            {
                result.Add(t!);
            }
        }

        return result;
    }

    public static List<string> Regions(ValidationErrors errors, IReadOnlyList<string?>? values, string field = "regions")
    {
        var result = new List<string>();
        foreach (var v in values ?? [])
        {
            if (CanonicalRegion(v) is { } r)
            {
                if (!result.Contains(r))
                {
                    result.Add(r);
                }
            }
            else
            {
                errors.Add(field, $"Unknown region '{v}': use a UN M49 region or sub-region, e.g. 'Africa' or 'Latin America and the Caribbean'.");
            }
        }

        return result;
    }

    public static List<string> Languages(ValidationErrors errors, IReadOnlyList<string?>? values, string field = "languages")
    {
        var result = new List<string>();
        foreach (var v in values ?? [])
        {
            var l = v?.Trim().ToLowerInvariant();
            if (!Iom.Contracts.Reference.Languages.IsKnown(l))
            {
                errors.Add(field, $"Unknown language '{v}': use an ISO 639-1 code such as 'en'.");
            }
            else if (!result.Contains(l!))
            {
                result.Add(l!);
            }
        }

        return result;
    }

    public static string? CanonicalRegion(string? value)
    {
        var v = value?.Trim();
        return v is null ? null
            : Countries.Regions.Concat(Countries.SubRegions).FirstOrDefault(r => string.Equals(r, v, StringComparison.OrdinalIgnoreCase));
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
