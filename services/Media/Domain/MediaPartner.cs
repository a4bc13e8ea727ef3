namespace Iom.Media.Domain;

/// <summary>Local read model of a Registry partner of type "media-organisation", fed by Registry events.</summary>
public sealed class MediaPartner
{
    public const string MediaOrganisationType = "media-organisation";

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Acronym { get; set; }

    public required string Country { get; set; }

    public PartnerStatus Status { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum PartnerStatus
{
    Active,
    Suspended,
    Archived,
}
