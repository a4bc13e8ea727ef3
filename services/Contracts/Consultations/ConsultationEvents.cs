namespace Iom.Contracts.Consultations;

/// <summary>A consultation was put on the calendar (kind, theme, place, dates, conveners).</summary>
/// <param name="Kind">humanitarian-consultation, migration-governance-consultation, idm-event, regional-civil-society-consultation, micic-consultation, grcp-meeting, thematic-consultation.</param>
public sealed record ConsultationScheduled(
    Guid ConsultationId,
    string Kind,
    string Title,
    IReadOnlyList<string> Themes,
    string? Region,
    string? Country,
    string? City,
    bool Online,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<Guid> ConvenerOrganizationIds,
    bool CsoLed);

public sealed record RegistrationOpened(Guid ConsultationId, DateTimeOffset RegistrationDeadline, int Capacity);

/// <summary>A delegate of a partner organisation holds a seat. No delegate name: that stays in Consultations.</summary>
public sealed record ParticipantRegistered(Guid RegistrationId, Guid ConsultationId, Guid OrganizationId, DateTimeOffset RegisteredAt);

public sealed record ParticipantWaitlisted(Guid RegistrationId, Guid ConsultationId, Guid OrganizationId, int Position);

public sealed record ParticipantPromoted(Guid RegistrationId, Guid ConsultationId, Guid OrganizationId, DateTimeOffset PromotedAt);

public sealed record RegistrationCancelled(Guid RegistrationId, Guid ConsultationId, Guid OrganizationId, string Reason, DateTimeOffset CancelledAt);

public sealed record ConsultationHeld(Guid ConsultationId, DateTimeOffset HeldAt, int Participants, int Speakers);

/// <summary>The outcome document, published once. The Media service turns it into a draft story.</summary>
public sealed record ConsultationOutcomePublished(
    Guid ConsultationId,
    string Kind,
    string Title,
    IReadOnlyList<string> Themes,
    string? Region,
    string Summary,
    IReadOnlyList<string> Recommendations,
    DateTimeOffset PublishedAt);

public sealed record ConsultationCancelled(Guid ConsultationId, string Reason, DateTimeOffset CancelledAt);
