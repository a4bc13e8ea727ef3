using Iom.Consultations.Domain;

namespace Iom.Consultations.Funding;

internal sealed record FundingRequestResponse(Guid Id, Guid ConsultationId, Guid RegistrationId, Guid OrganizationId, decimal Amount, string Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt)
{
    public static FundingRequestResponse From(FundingRequest f) =>
        new(f.Id, f.ConsultationId, f.RegistrationId, f.OrganizationId, f.Amount, f.Status.ToWire(), f.RequestedAt, f.DecidedAt);
}
