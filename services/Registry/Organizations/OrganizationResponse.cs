using System.Text.Json.Serialization;
using Iom.Registry.Domain;

namespace Iom.Registry.Organizations;

internal sealed record FocalPointResponse(string Name, string? Role, string Email, string? Phone);

internal sealed record PossibleDuplicate(Guid Id, string Name, double Similarity);

/// <summary>An organisation as the API shows it. Focal points only for staff (null, and left out, otherwise).</summary>
internal sealed record OrganizationResponse(
    Guid Id,
    string Name,
    string? Acronym,
    string Type,
    string Scope,
    string Country,
    IReadOnlyList<string> CountriesOfOperation,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Languages,
    string? Website,
    string? IatiIdentifier,
    string Status,
    string? StatusReason,
    DateTimeOffset? StatusChangedAt,
    bool IsObserver,
    DateOnly? ObserverSince,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FocalPointResponse>? FocalPoints { get; init; }

    /// <summary>On registration: organisations with similar names in the same country (not blocking).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PossibleDuplicate>? PossibleDuplicates { get; init; }

    public static OrganizationResponse From(Organization o, bool includeFocalPoints) =>
        new(o.Id, o.Name, o.Acronym, o.Type.ToWire(), WireNames.ToWire(o.Scope), o.Country, o.CountriesOfOperation, o.Regions, o.Themes, o.Languages,
            o.Website, o.IatiIdentifier, WireNames.ToWire(o.Status), o.StatusReason, o.StatusChangedAt, o.IsObserver, o.ObserverSince, o.RegisteredAt, o.UpdatedAt, o.Version)
        {
            FocalPoints = includeFocalPoints ? o.FocalPoints.Select(f => new FocalPointResponse(f.Name, f.Role, f.Email, f.Phone)).ToList() : null,
        };
}
