using Iom.Contracts.Reference;
using Iom.Registry.Domain;

namespace Iom.Registry.Organizations;

/// <summary>A focal point as sent by a client; every field is checked by hand.</summary>
internal sealed record FocalPointInput(string? Name, string? Role, string? Email, string? Phone);

/// <summary>
/// Validation of an organisation profile, shared by registering, updating and the CSV import: each bad field
/// is named (camelCase, with the list index for lists, e.g. "themes[1]").
/// </summary>
internal static class ProfileInput
{
    public const int MaxListLength = 250;

    public static OrganizationProfile? Validate(
        FieldErrors errors,
        string? name,
        string? acronym,
        string? type,
        string? scope,
        string? country,
        IReadOnlyList<string?>? countriesOfOperation,
        IReadOnlyList<string?>? themes,
        IReadOnlyList<string?>? languages,
        string? website,
        string? iatiIdentifier)
    {
        var before = errors.Count;
        var trimmedName = name?.Trim();
        errors.Require(!string.IsNullOrWhiteSpace(trimmedName), "name", "A name is required.");
        errors.Require(trimmedName is null || trimmedName.Length <= 300, "name", "The name is longer than 300 characters.");
        var trimmedAcronym = Optional(acronym);
        errors.Require(trimmedAcronym is null || trimmedAcronym.Length <= 40, "acronym", "The acronym is longer than 40 characters.");
        if (!WireNames.TryParse<OrganizationType>(type?.Trim(), out var parsedType))
        {
            errors.Add("type", $"Unknown organisation type '{type}'. Known types: {string.Join(", ", WireNames.Names<OrganizationType>())}.");
        }

        var parsedScope = OrganizationScope.National;
        if (scope is not null && !WireNames.TryParse(scope.Trim(), out parsedScope))
        {
            errors.Add("scope", $"Unknown scope '{scope}'. Known scopes: {string.Join(", ", WireNames.Names<OrganizationScope>())}.");
        }

        var hq = country?.Trim().ToUpperInvariant();
        errors.Require(Countries.IsKnown(hq), "country", $"'{country}' is not an ISO 3166-1 alpha-2 country code.");
        var operations = Codes(errors, "countriesOfOperation", countriesOfOperation, c => Countries.IsKnown(c) ? c.ToUpperInvariant() : null, "is not an ISO 3166-1 alpha-2 country code");
        var themeList = Codes(errors, "themes", themes, t => Iom.Contracts.Reference.Themes.IsKnown(t) ? t.ToLowerInvariant() : null, "is not a known theme");
        var languageList = Codes(errors, "languages", languages, l => Iom.Contracts.Reference.Languages.IsKnown(l) ? l.ToLowerInvariant() : null, "is not an ISO 639-1 language code");

        var site = Optional(website);
        if (site is not null && (site.Length > 500 || !Uri.TryCreate(site, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add("website", "The website must be an absolute http(s) address of at most 500 characters.");
        }

        var iati = Optional(iatiIdentifier);
        if (iati is not null && !IatiIdentifier.IsValid(iati))
        {
            errors.Add("iatiIdentifier", $"'{iati}' is not an IATI organisation identifier (registration-agency prefix, a hyphen, then the identifier, e.g. XM-DAC-41304).");
        }

        if (errors.Count != before)
        {
            return null;
        }

        // Headquarters count as a country of operation: filters by country find the partner either way.
        var allOperations = operations.Append(hq!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new OrganizationProfile(trimmedName!, trimmedAcronym, parsedType, parsedScope, hq!, allOperations, themeList, languageList, site, iati);
    }

    public static List<FocalPointData>? ValidateFocalPoints(FieldErrors errors, IReadOnlyList<FocalPointInput?>? focalPoints)
    {
        if (focalPoints is null)
        {
            return null;
        }

        var before = errors.Count;
        errors.Require(focalPoints.Count <= 20, "focalPoints", "At most 20 focal points.");
        var result = new List<FocalPointData>();
        for (var i = 0; i < focalPoints.Count && i < 20; i++)
        {
            var f = focalPoints[i];
            var field = $"focalPoints[{i}]";
            if (f is null)
            {
                errors.Add(field, "A focal point is required.");
                continue;
            }

            var name = f.Name?.Trim();
            errors.Require(!string.IsNullOrEmpty(name) && name.Length <= 200, $"{field}.name", "A name of at most 200 characters is required.");
            var role = Optional(f.Role);
            errors.Require(role is null || role.Length <= 200, $"{field}.role", "The role is longer than 200 characters.");
            var email = f.Email?.Trim();
            errors.Require(email is { Length: > 2 and <= 320 } && System.Net.Mail.MailAddress.TryCreate(email, out _) && !email.Contains(' ', StringComparison.Ordinal), $"{field}.email", "A valid e-mail address is required.");
            var phone = Optional(f.Phone);
            errors.Require(phone is null || (phone.Length <= 40 && phone.All(c => char.IsDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')), $"{field}.phone", "The phone number may hold digits, spaces and + - ( ) . only (at most 40).");
            if (name is not null && email is not null)
            {
                result.Add(new FocalPointData(name, role, email, phone));
            }
        }

        return errors.Count == before ? result : null;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> Codes(FieldErrors errors, string field, IReadOnlyList<string?>? values, Func<string, string?> canonical, string problem)
    {
        var result = new List<string>();
        if (values is null)
        {
            return result;
        }

        if (values.Count > MaxListLength)
        {
            errors.Add(field, $"At most {MaxListLength} entries.");
            return result;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i]?.Trim();
            var code = string.IsNullOrEmpty(value) ? null : canonical(value);
            if (code is null)
            {
                errors.Add($"{field}[{i}]", $"'{values[i]}' {problem}.");
            }
            else
            {
                result.Add(code);
            }
        }

        return result.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
