namespace Iom.Registry.Domain;

public enum AgreementKind
{
    ImplementingPartnerAgreement,
    MemorandumOfUnderstanding,
    FrameworkAgreement,
    ProjectAgreement,
}

public enum AgreementStatus
{
    Draft,
    Active,
    Ended,
    Terminated,
}

/// <summary>A legal agreement or joint project with a partner. Overlapping dates are allowed.</summary>
public sealed class Agreement
{
    public Guid Id { get; init; }

    public Guid OrganizationId { get; init; }

    public AgreementKind Kind { get; set; }

    public required string Title { get; set; }

    public List<string> Themes { get; set; } = [];

    public List<string> Countries { get; set; } = [];

    public DateOnly StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public AgreementStatus Status { get; set; }

    public DateOnly? EndedOn { get; set; }

    public string? TerminationReason { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Training or support given to a partner.</summary>
public sealed class CapacityDevelopmentRecord
{
    public Guid Id { get; init; }

    public Guid OrganizationId { get; init; }

    public required string Topic { get; init; }

    public DateOnly On { get; init; }

    public decimal Hours { get; init; }

    public int PeopleTrained { get; init; }

    public List<string> Themes { get; init; } = [];
}

/// <summary>An organisation's membership of an NGO consortium, from a date to an optional date (inclusive).</summary>
public sealed class ConsortiumMembership
{
    public Guid Id { get; init; }

    public Guid ConsortiumId { get; init; }

    public Guid MemberId { get; init; }

    public DateOnly From { get; init; }

    public DateOnly? To { get; set; }
}
