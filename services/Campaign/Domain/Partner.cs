using Iom.Messaging;

namespace Iom.Campaign.Domain;

/// <summary>
/// Campaign's local copy of a Registry partner, built only from Registry events. Decides who may submit on a
/// migrant's behalf and post volunteer actions, and whose actions the public sees.
/// </summary>
public sealed class Partner : IStatusFromEvents<PartnerStatus>
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    public string? Acronym { get; set; }

    public string? Country { get; set; }

    public PartnerStatus Status { get; set; }

    /// <summary>Time of the Registry event that last set the status; older events arriving late do not override it.</summary>
    public DateTimeOffset StatusChangedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum PartnerStatus
{
    Active,
    Suspended,
    Archived,
}
