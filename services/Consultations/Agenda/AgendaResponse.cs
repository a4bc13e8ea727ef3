namespace Iom.Consultations.Agenda;

internal sealed record SpeakerResponse(Guid RegistrationId, Guid OrganizationId, string Name);

internal sealed record SessionResponse(Guid Id, string Title, string Format, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<SpeakerResponse> Speakers);
