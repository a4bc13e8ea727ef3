using Iom.Campaign.Domain;

namespace Iom.Campaign.Actions;

internal sealed record Organizer(Guid Id, string Name, string? Acronym);

/// <summary>A volunteer action as the app and its organiser see it (never the sign-ups' personal data).</summary>
internal sealed record ActionView(
    Guid Id,
    Organizer Organization,
    string Title,
    string Description,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    bool Online,
    string? Country,
    string? City,
    string? Venue,
    IReadOnlyList<string> Themes,
    int VolunteersNeeded,
    int SpotsLeft,
    string State)
{
    public static ActionView From(VolunteerAction a, Partner? partner, DateTimeOffset now) => new(
        a.Id,
        new Organizer(a.OrganizationId, partner?.Name ?? "Partner organisation", partner?.Acronym),
        a.Title, a.Description, a.StartsAt, a.EndsAt, a.Online, a.Country, a.City, a.Venue, a.Themes, a.VolunteersNeeded,
        Math.Max(0, a.VolunteersNeeded - a.SignupCount),
        a.Cancelled ? "cancelled" : a.StartsAt <= now ? "past" : a.SignupCount >= a.VolunteersNeeded ? "full" : "open");
}
