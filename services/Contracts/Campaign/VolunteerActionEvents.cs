namespace Iom.Contracts.Campaign;

/// <summary>A partner CSO's volunteer action in support of migrants is open for sign-ups.</summary>
public sealed record VolunteerActionPublished(
    Guid ActionId,
    Guid OrganizationId,
    string Title,
    DateTimeOffset StartsAt,
    string? Country,
    string? City,
    bool Online,
    int VolunteersNeeded);

public sealed record VolunteerActionCancelled(Guid ActionId, Guid OrganizationId, string Reason, DateTimeOffset CancelledAt);
