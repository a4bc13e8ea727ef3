using Iom.Messaging;

namespace Iom.Media.Domain;

/// <summary>
/// Local read model of a Registry partner, fed by Registry events. Only partners of type "media-organisation" are
/// listed and may have journalists; the others are kept (name, type) so that their later status events are recognised.
/// </summary>
public sealed class MediaPartner : IStatusFromEvents<PartnerStatus>
{
    public const string MediaOrganisationType = "media-organisation";

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Acronym { get; set; }

    public required string Country { get; set; }

    /// <summary>The Registry's organisation type; null while the row is a placeholder (a status event came before PartnerRegistered).</summary>
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
