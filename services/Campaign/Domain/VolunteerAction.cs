namespace Iom.Campaign.Domain;

/// <summary>A partner CSO's volunteer action in support of migrants, open for sign-ups until full.</summary>
public sealed class VolunteerAction
{
    public Guid Id { get; init; }

    public Guid OrganizationId { get; init; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public bool Online { get; set; }

    /// <summary>ISO 3166-1 alpha-2; null for an online action.</summary>
    public string? Country { get; set; }

    public string? City { get; set; }

    public string? Venue { get; set; }

    public List<string> Themes { get; set; } = [];

    public int VolunteersNeeded { get; set; }

    /// <summary>Kept in step with the sign-up rows by a conditional UPDATE, so it never passes <see cref="VolunteersNeeded"/>.</summary>
    public int SignupCount { get; set; }

    public bool Cancelled { get; set; }

    public string? CancellationReason { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A person who signed up for an action. Personal data: seen only by the organising CSO and staff.</summary>
public sealed class Signup
{
    public Guid Id { get; init; }

    public Guid ActionId { get; init; }

    public required string Name { get; init; }

    public required string Contact { get; init; }

    public DateTimeOffset SignedUpAt { get; init; }
}
