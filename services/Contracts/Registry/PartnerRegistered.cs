namespace Iom.Contracts.Registry;

/// <summary>
/// A civil-society organisation became a partner in the Registry. Carries what other services need to
/// know who the partner is; never focal points or other personal data.
/// </summary>
public sealed record PartnerRegistered(
    Guid PartnerId,
    string Name,
    string? Acronym,
    string Type,
    string Country,
    DateTimeOffset RegisteredAt);
