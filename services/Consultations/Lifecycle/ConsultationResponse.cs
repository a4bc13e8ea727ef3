using Iom.Consultations.Domain;

namespace Iom.Consultations.Lifecycle;

internal sealed record ConsultationResponse(
    Guid Id,
    string Kind,
    string Title,
    IReadOnlyList<string> Themes,
    string? Region,
    string? City,
    string? Country,
    bool Online,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    bool ConvenedByIom,
    IReadOnlyList<Guid> ConvenerOrganizationIds,
    bool CsoLed,
    int Capacity,
    int DelegatesPerOrganization,
    DateTimeOffset RegistrationDeadline,
    decimal TravelBudget,
    string Status,
    string? CancellationReason,
    string? OutcomeSummary,
    IReadOnlyList<string> OutcomeRecommendations,
    DateTimeOffset? OutcomePublishedAt)
{
    public static ConsultationResponse From(Consultation c) => new(
        c.Id, c.Kind, c.Title, c.Themes, c.Region, c.City, c.Country, c.Online, c.StartsAt, c.EndsAt, c.ConvenedByIom,
        c.ConvenerOrganizationIds, c.CsoLed, c.Capacity, c.DelegatesPerOrganization, c.RegistrationDeadline, c.TravelBudget,
        c.Status.ToWire(), c.CancellationReason, c.OutcomeSummary, c.OutcomeRecommendations, c.OutcomePublishedAt);
}
