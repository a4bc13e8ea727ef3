using Iom.Messaging;

namespace Iom.Media.Domain;

/// <summary>
/// Local read model of a Registry partner of type "media-organisation", fed by Registry events (Messaging's
/// out-of-order rule: a status event before the registration leaves a placeholder, <see cref="Type"/> null).
/// </summary>
public sealed class MediaPartner : IStatusFromEvents<PartnerStatus>
{
    public const string MediaOrganisationType = "media-organisation";

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Acronym { get; set; }

    public required string Country { get; set; }

    /// <summary>"media-organisation" once registered; null while the row is a placeholder (a status event came before PartnerRegistered).</summary>
    public string? Type { get; set; }

    public PartnerStatus Status { get; set; }

    /// <summary>Time of the Registry event that last set the status (registration included): the only changes Media keeps.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    DateTimeOffset IStatusFromEvents<PartnerStatus>.StatusChangedAt { get => UpdatedAt; set => UpdatedAt = value; }
}

public enum PartnerStatus
{
    Active,
    Suspended,
    Archived,
}
