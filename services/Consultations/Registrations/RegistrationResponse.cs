using Iom.Consultations.Domain;

namespace Iom.Consultations.Registrations;

/// <param name="Status">registered, waitlisted or cancelled.</param>
/// <param name="WaitlistPosition">1-based, while waitlisted.</param>
internal sealed record RegistrationResponse(
    Guid Id,
    Guid ConsultationId,
    Guid OrganizationId,
    string DelegateName,
    string DelegateEmail,
    string Status,
    int? WaitlistPosition,
    bool Panelist,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? PromotedAt,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? CancelledAt,
    string? CancellationReason)
{
    public static RegistrationResponse From(Registration r, int? position = null) => new(
        r.Id, r.ConsultationId, r.OrganizationId, r.DelegateName, r.DelegateEmail, r.Status.ToWire(),
        r.Status == RegistrationStatus.Waitlisted ? position : null, r.Panelist, r.RegisteredAt, r.PromotedAt, r.CheckedInAt, r.CancelledAt, r.CancellationReason);
}
