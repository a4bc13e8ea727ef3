using System.Text.RegularExpressions;

namespace Iom.Registry.Domain;

/// <summary>
/// IATI organisation identifiers: a registration-agency prefix (upper-case letters, e.g. "XM-DAC", "GB-CHC")
/// followed by a hyphen and the identifier the agency assigned ("XM-DAC-41304", "GB-CHC-123456").
/// </summary>
internal static partial class IatiIdentifier
{
    public static bool IsValid(string? value) => value is not null && value.Length <= 100 && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Z]{2,}(-[A-Z]{2,})*-[A-Za-z0-9][A-Za-z0-9._/:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
