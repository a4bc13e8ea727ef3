namespace Iom.Registry.Domain;

public enum ObserverApplicationStatus
{
    Submitted,
    UnderReview,
    Granted,
    Declined,
}

/// <summary>
/// The admission criteria an application is checked against (after the IOM Council document "Criteria for
/// Admitting Non-Governmental Organizations as Observers to the IOM Council"), as identifiers.
/// </summary>
internal static class AdmissionCriteria
{
    public static IReadOnlyList<string> All { get; } =
    [
        "concerned-with-migration",
        "non-governmental-and-not-for-profit",
        "international-or-regional-reach",
        "established-structure-and-governance",
        "supports-iom-purposes",
    ];

    public static bool IsKnown(string? criterion) => criterion is not null && All.Contains(criterion, StringComparer.OrdinalIgnoreCase);
}

/// <summary>An organisation's application for IOM Council observer status, its staff review and the Council's decision.</summary>
public sealed class ObserverApplication
{
    public Guid Id { get; init; }

    public Guid OrganizationId { get; init; }

    public DateOnly SubmittedOn { get; init; }

    public required string SupportingStatement { get; init; }

    public List<string> CriteriaMet { get; init; } = [];

    public ObserverApplicationStatus Status { get; set; }

    public string? ReviewedBy { get; set; }

    public string? ReviewNotes { get; set; }

    public DateOnly? DecidedOn { get; set; }

    public string? DecisionReference { get; set; }

    /// <summary>When a granted status was later withdrawn.</summary>
    public DateOnly? WithdrawnOn { get; set; }

    public string? WithdrawalReason { get; set; }

    public bool IsOpen => Status is ObserverApplicationStatus.Submitted or ObserverApplicationStatus.UnderReview;
}
