using System.Globalization;
using Iom.Contracts.Reference;
using Microsoft.Extensions.Localization;

namespace Iom.Together.Pages.Shared;

/// <summary>Names and dates as the reader's language writes them (countries and languages from .NET's own data).</summary>
internal static class Show
{
    public static string Country(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return string.Empty;
        }

        try
        {
            return new RegionInfo(code).DisplayName;
        }
        catch (ArgumentException)
        {
            return Countries.All.TryGetValue(code, out var country) ? country.Name : code;
        }
    }

    public static IEnumerable<(string Code, string Name)> AllCountries() =>
        Countries.All.Keys.Select(c => (Code: c.ToUpperInvariant(), Name: Country(c))).OrderBy(c => c.Name, StringComparer.Create(CultureInfo.CurrentUICulture, true));

    public static string Language(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return string.Empty;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.TextInfo.ToTitleCase(culture.NativeName);
        }
        catch (CultureNotFoundException)
        {
            return Languages.All.TryGetValue(code, out var name) ? name : code;
        }
    }

    public static IEnumerable<(string Code, string Name)> AllLanguages() =>
        Languages.All.Keys.Select(c => (Code: c.ToLowerInvariant(), Name: Language(c))).OrderBy(c => c.Name, StringComparer.Create(CultureInfo.CurrentUICulture, true));

    public static string Theme(IStringLocalizer localizer, string theme)
    {
        var text = localizer["Theme_" + theme];
        return text.ResourceNotFound ? theme.Replace('-', ' ') : text.Value;
    }

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("D", CultureInfo.CurrentCulture);

    public static string DateTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("f", CultureInfo.CurrentCulture) + " UTC";

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
