namespace Iom.Contracts.Registry;

/// <summary>A partner's public profile changed; carries the whole public profile, so receivers simply replace theirs.</summary>
public sealed record PartnerUpdated(
    Guid PartnerId,
    string Name,
    string? Acronym,
    string Type,
    string Scope,
    string Country,
    IReadOnlyList<string> CountriesOfOperation,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> ChangedFields,
    DateTimeOffset UpdatedAt);

/// <summary>The partner may no longer take part (register, post actions, hold feed keys) until reinstated.</summary>
public sealed record PartnerSuspended(Guid PartnerId, string Type, string Reason, DateTimeOffset SuspendedAt);

public sealed record PartnerReinstated(Guid PartnerId, string Type, DateTimeOffset ReinstatedAt);

/// <summary>The partnership ended for good; the partner stays in history.</summary>
public sealed record PartnerArchived(Guid PartnerId, string Type, string Reason, DateTimeOffset ArchivedAt);

/// <summary>The IOM Council granted the partner observer status.</summary>
public sealed record ObserverStatusGranted(Guid PartnerId, string DecisionReference, DateOnly DecidedOn);

public sealed record ObserverStatusWithdrawn(Guid PartnerId, string Reason, DateOnly WithdrawnOn);
