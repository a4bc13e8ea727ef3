using Iom.Messaging;

namespace Iom.Consultations.Domain;

/// <summary>
/// The Consultations service's local copy of a Registry partner, built only from Registry events.
/// It decides who may register for a consultation; the Registry's database is never read.
/// </summary>
public sealed class Partner : IStatusFromEvents<PartnerStatus>
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    public string? Acronym { get; set; }

    public required string Type { get; set; }

    public required string Country { get; set; }

    public PartnerStatus Status { get; set; }

    /// <summary>Time of the Registry event that last set the status; older events arriving late do not override it.</summary>
    public DateTimeOffset StatusChangedAt { get; set; }

    /// <summary>Holds IOM Council observer status (invited to IDM events and migration governance consultations).</summary>
    public bool IsObserver { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum PartnerStatus
{
    Active,
    Suspended,
    Archived,
}
