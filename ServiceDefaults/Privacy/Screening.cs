using System.Text.RegularExpressions;

namespace Iom.ServiceDefaults.Privacy;

/// <summary>Something in a testimony that may identify its author or someone else, flagged for the moderator.</summary>
/// <param name="Kind">email, phone, url, social-handle, id-number, street-address.</param>
/// <param name="Field">title or story.</param>
public sealed record ScreeningFlag(string Kind, string Field, int Index, int Length, string Text);

/// <summary>
/// Automatic screening before approval: e-mail addresses, phone numbers, links, social-media handles, identity
/// document numbers and street addresses. It only flags; the moderator decides and redacts.
/// </summary>
public static partial class Screening
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Url = "url";
    public const string SocialHandle = "social-handle";
    public const string IdNumber = "id-number";
    public const string StreetAddress = "street-address";

    public static IReadOnlyList<ScreeningFlag> Scan(string? title, string? story) =>
        [.. ScanField("title", title), .. ScanField("story", story)];

    public static IReadOnlyList<ScreeningFlag> ScanField(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var flags = new List<ScreeningFlag>();
        try
        {
            Add(flags, field, Email, EmailPattern().Matches(text));
            Add(flags, field, Url, UrlPattern().Matches(text));
            Add(flags, field, SocialHandle, HandlePattern().Matches(text));
            Add(flags, field, Phone, PhonePattern().Matches(text), IsPhoneNumber);
            Add(flags, field, IdNumber, IdNumberPattern().Matches(text));
            Add(flags, field, StreetAddress, StreetPattern().Matches(text));
            Add(flags, field, StreetAddress, ForeignStreetPattern().Matches(text));
        }
        catch (RegexMatchTimeoutException)
        {
            flags.Add(new ScreeningFlag("unscreened", field, 0, 0, "Screening timed out: read this text with care."));
        }

        return [.. flags.OrderBy(f => f.Index)];
    }

    private static void Add(List<ScreeningFlag> flags, string field, string kind, MatchCollection matches, Func<string, bool>? accept = null)
    {
        foreach (Match match in matches)
        {
            var value = match.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?');
            var overlaps = flags.Any(f => f.Field == field && match.Index < f.Index + f.Length && f.Index < match.Index + value.Length);
            if (value.Length > 0 && !overlaps && (accept is null || accept(value)))
            {
                flags.Add(new ScreeningFlag(kind, field, match.Index, value.Length, value));
            }
        }
    }

    /// <summary>8 to 15 digits (E.164 at most), and not a range of years such as 2015-2017.</summary>
    private static bool IsPhoneNumber(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15 && !YearRangePattern().IsMatch(candidate);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?:\b(?:https?://|www\.)[^\s<>""']+)|(?:\b[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|org|net|info|io|me|ly|co|biz|gov|edu|int)\b(?:/[^\s<>""']*)?)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\w@.])@[A-Za-z0-9_]{3,30}\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"(?<![\w+])\+?\(?\d[\d\s().\-/]{6,22}\d(?!\w)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^\s*(?:1[89]|20)\d\d\s*[-–/]\s*(?:1[89]|20)\d\d\s*$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex YearRangePattern();

    /// <summary>Passport or identity-card numbers: 6 to 12 capital letters and digits, with both.</summary>
    [GeneratedRegex(@"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,12}\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex IdNumberPattern();

    /// <summary>"42 Baker Street" (case-sensitive, so "12 people in a way" is not an address).</summary>
    [GeneratedRegex(@"\b\d{1,5}[a-z]?,?\s+(?:\p{Lu}[\p{L}'\-]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl|Square|Sq)\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex StreetPattern();

    /// <summary>"rue de la Paix 12", "calle Mayor 3", "Hauptstraße 5", "Atatürk Caddesi".</summary>
    [GeneratedRegex(@"\b(?:rue|calle|avenida|ulica)\s+(?:de\s+(?:la\s+)?|del\s+|des\s+|du\s+)?[\p{L}'\-]+(?:\s+\d{1,5}[a-z]?)?|\b\p{L}+(?:strasse|straße|gasse|weg|platz|laan|straat|gatan)\s+\d{1,4}[a-z]?\b|\b\p{Lu}\p{L}+\s+(?:Sokak|Sokağı|Caddesi)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex ForeignStreetPattern();
}
