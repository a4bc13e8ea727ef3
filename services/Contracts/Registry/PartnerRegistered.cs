namespace Iom.Contracts.Registry;

/// <summary>
/// A civil-society organisation became a partner in the Registry. Carries what other services need to
/// know who the partner is; never focal points or other personal data.
/// </summary>
/// <param name="Type">Wire name of the organisation type, e.g. "ngo", "media-organisation".</param>
/// <param name="Scope">local, national, regional or international.</param>
/// <param name="Country">Headquarters, ISO 3166-1 alpha-2.</param>
public sealed record PartnerRegistered(
    Guid PartnerId,
    string Name,
    string? Acronym,
    string Type,
    string Scope,
    string Country,
    IReadOnlyList<string> CountriesOfOperation,
    IReadOnlyList<string> Themes,
    DateTimeOffset RegisteredAt);
