using System.Text.RegularExpressions;

namespace Iom.Consultations.Syndicate;

/// <summary>DOI and URL checks for recommended reads (Crossref's DOI pattern; absolute http(s) URLs only).</summary>
internal static partial class ReadReferences
{
    /// <summary>A bare DOI ("10.1111/imig.12345"), also accepted as https://doi.org/… or doi:…; null when it is not one.</summary>
    public static string? NormalizeDoi(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var doi = value.Trim();
        foreach (var prefix in (string[])["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"])
        {
            if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                doi = doi[prefix.Length..];
                break;
            }
        }

        return doi.Length <= 200 && DoiPattern().IsMatch(doi) ? doi : null;
    }

    public static bool IsWebUrl(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= 2000
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    [GeneratedRegex(@"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DoiPattern();
}
