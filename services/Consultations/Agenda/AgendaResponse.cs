namespace Iom.Consultations.Agenda;

public sealed record SpeakerResponse(Guid RegistrationId, Guid OrganizationId, string Name);

public sealed record SessionResponse(Guid Id, string Title, string Format, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<SpeakerResponse> Speakers);
