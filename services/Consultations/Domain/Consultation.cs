namespace Iom.Consultations.Domain;

/// <summary>A consultation or dialogue event with civil society, from its scheduling to its published outcome.</summary>
public sealed class Consultation
{
    public Guid Id { get; init; }

    /// <summary>Wire name, one of <see cref="ConsultationKinds.All"/>.</summary>
    public required string Kind { get; init; }

    public required string Title { get; set; }

    public List<string> Themes { get; set; } = [];

    /// <summary>A UN M49 region or sub-region; for a place-based consultation without one, the country's region.</summary>
    public string? Region { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }

    public bool Online { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Whether IOM convenes (alone or with the partner organisations below).</summary>
    public bool ConvenedByIom { get; set; }

    public List<Guid> ConvenerOrganizationIds { get; set; } = [];

    public bool CsoLed { get; set; }

    public int Capacity { get; set; }

    public int DelegatesPerOrganization { get; set; }

    public DateTimeOffset RegistrationDeadline { get; set; }

    public decimal TravelBudget { get; set; }

    public ConsultationStatus Status { get; set; }

    public string? CancellationReason { get; set; }

    public string? OutcomeSummary { get; set; }

    public List<string> OutcomeRecommendations { get; set; } = [];

    public DateTimeOffset? OutcomePublishedAt { get; set; }

    public DateTimeOffset ScheduledAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The region analytics group by: the declared region, else the country's, else "global".</summary>
    public string EffectiveRegion => ResolvedRegion ?? "global";

    /// <summary>The declared region, else the country's region, else none (online, worldwide).</summary>
    public string? ResolvedRegion => Region ?? (Country is null ? null : Iom.Contracts.Reference.Countries.RegionOf(Country));

    public bool IsConvener(Guid organizationId) => ConvenerOrganizationIds.Contains(organizationId);

    /// <summary>Registrations are open to new delegates (before the deadline).</summary>
    public bool AcceptsRegistrations(DateTimeOffset now) => Status == ConsultationStatus.OpenForRegistration && now <= RegistrationDeadline;

    /// <summary>Registrations can still change (cancel, promote): the consultation has not taken place nor been cancelled.</summary>
    public bool IsUpcoming => Status is ConsultationStatus.Draft or ConsultationStatus.OpenForRegistration or ConsultationStatus.RegistrationClosed;
}

public enum ConsultationStatus
{
    Draft,
    OpenForRegistration,
    RegistrationClosed,
    Held,
    OutcomePublished,
    Cancelled,
}

internal static class ConsultationStatuses
{
    /// <summary>The lifecycle: draft → open → closed → held → outcome published; cancelled from any state before held.</summary>
    public static bool CanMoveTo(this ConsultationStatus from, ConsultationStatus to) => (from, to) switch
    {
        (ConsultationStatus.Draft, ConsultationStatus.OpenForRegistration) => true,
        (ConsultationStatus.OpenForRegistration, ConsultationStatus.RegistrationClosed) => true,
        (ConsultationStatus.RegistrationClosed, ConsultationStatus.Held) => true,
        (ConsultationStatus.Held, ConsultationStatus.OutcomePublished) => true,
        (ConsultationStatus.Draft or ConsultationStatus.OpenForRegistration or ConsultationStatus.RegistrationClosed, ConsultationStatus.Cancelled) => true,
        _ => false,
    };
}

internal static class ConsultationKinds
{
    public const string HumanitarianConsultation = "humanitarian-consultation";
    public const string MigrationGovernanceConsultation = "migration-governance-consultation";
    public const string IdmEvent = "idm-event";
    public const string RegionalCivilSocietyConsultation = "regional-civil-society-consultation";
    public const string MicicConsultation = "micic-consultation";
    public const string GrcpMeeting = "grcp-meeting";
    public const string ThematicConsultation = "thematic-consultation";

    public static IReadOnlyList<string> All { get; } =
    [
        HumanitarianConsultation, MigrationGovernanceConsultation, IdmEvent, RegionalCivilSocietyConsultation,
        MicicConsultation, GrcpMeeting, ThematicConsultation,
    ];

    /// <summary>Kinds to which observer organisations are invited automatically.</summary>
    public static IReadOnlyList<string> ObserversInvited { get; } = [IdmEvent, MigrationGovernanceConsultation];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}
