namespace Iom.Consultations.Domain;

/// <summary>A delegate of a partner organisation registered for a consultation: holding a seat, waiting, or cancelled.</summary>
public sealed class Registration
{
    public Guid Id { get; init; }

    public Guid ConsultationId { get; init; }

    public Guid OrganizationId { get; init; }

    public required string DelegateName { get; init; }

    /// <summary>Lower-cased; one active registration per person and consultation.</summary>
    public required string DelegateEmail { get; init; }

    public RegistrationStatus Status { get; set; }

    /// <summary>Arrival order (assigned under the consultation's row lock): the waitlist is promoted in this order.</summary>
    public long Sequence { get; init; }

    public bool Panelist { get; set; }

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset? PromotedAt { get; set; }

    public DateTimeOffset? CheckedInAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancellationReason { get; set; }

    public bool IsActive => Status is RegistrationStatus.Registered or RegistrationStatus.Waitlisted;
}

public enum RegistrationStatus
{
    Registered,
    Waitlisted,
    Cancelled,
}

/// <summary>An organisation invited to a consultation (observers to IDM events and migration governance consultations).</summary>
public sealed class Invitation
{
    public Guid ConsultationId { get; init; }

    public Guid OrganizationId { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset InvitedAt { get; init; }
}

/// <summary>A request for travel support for one registered delegate, decided by IOM against the consultation's budget.</summary>
public sealed class FundingRequest
{
    public Guid Id { get; init; }

    public Guid ConsultationId { get; init; }

    public Guid RegistrationId { get; init; }

    public Guid OrganizationId { get; init; }

    public decimal Amount { get; init; }

    public FundingStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }
}

public enum FundingStatus
{
    Requested,
    Approved,
    Declined,
}

/// <summary>A session or panel of the agenda; speakers are registered participants (marked panelists).</summary>
public sealed class AgendaSession
{
    public Guid Id { get; init; }

    public Guid ConsultationId { get; init; }

    public required string Title { get; set; }

    /// <summary>session or panel.</summary>
    public required string Format { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public List<Guid> SpeakerRegistrationIds { get; set; } = [];
}

/// <summary>A written input sent by a participating organisation.</summary>
public sealed class Submission
{
    public Guid Id { get; init; }

    public Guid ConsultationId { get; init; }

    public Guid OrganizationId { get; init; }

    public required string Text { get; init; }

    public List<string> Themes { get; init; } = [];

    public required string Region { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }
}

/// <summary>The consolidation of every submission of one region, keeping a link to each source.</summary>
public sealed class RegionalSynthesis
{
    public Guid Id { get; init; }

    public Guid ConsultationId { get; init; }

    public required string Region { get; init; }

    public required string Text { get; init; }

    public List<Guid> SourceSubmissionIds { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }
}
