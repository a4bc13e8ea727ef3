using Iom.Registry.Domain;

namespace Iom.Registry.Observers;

internal sealed record ObserverApplicationResponse(
    Guid Id,
    Guid OrganizationId,
    DateOnly SubmittedOn,
    string SupportingStatement,
    IReadOnlyList<string> CriteriaMet,
    string Status,
    string? ReviewNotes,
    DateOnly? DecidedOn,
    string? DecisionReference,
    DateOnly? WithdrawnOn,
    string? WithdrawalReason)
{
    public static ObserverApplicationResponse From(ObserverApplication a) => new(
        a.Id, a.OrganizationId, a.SubmittedOn, a.SupportingStatement, a.CriteriaMet, WireNames.ToWire(a.Status), a.ReviewNotes,
        a.DecidedOn, a.DecisionReference, a.WithdrawnOn, a.WithdrawalReason);
}
