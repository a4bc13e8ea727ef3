namespace Iom.Registry.Domain;

/// <summary>The editable, validated public profile of an organisation (everything but status, observer status and focal points).</summary>
public sealed record OrganizationProfile(
    string Name,
    string? Acronym,
    OrganizationType Type,
    OrganizationScope Scope,
    string Country,
    IReadOnlyList<string> CountriesOfOperation,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Languages,
    string? Website,
    string? IatiIdentifier);

/// <summary>A focal point as given in a request, validated.</summary>
public sealed record FocalPointData(string Name, string? Role, string Email, string? Phone);
