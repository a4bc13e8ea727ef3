using Iom.Registry.Domain;

namespace Iom.Registry.Agreements;

internal sealed record AgreementResponse(
    Guid Id,
    Guid OrganizationId,
    string Kind,
    string Title,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Countries,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    string Status,
    DateOnly? EndedOn,
    string? TerminationReason)
{
    public static AgreementResponse From(Agreement a) =>
        new(a.Id, a.OrganizationId, WireNames.ToWire(a.Kind), a.Title, a.Themes, a.Countries, a.StartsOn, a.EndsOn, WireNames.ToWire(a.Status), a.EndedOn, a.TerminationReason);
}
