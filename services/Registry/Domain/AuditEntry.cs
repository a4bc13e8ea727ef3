namespace Iom.Registry.Domain;

/// <summary>One change to an organisation: who (the token's subject), when, what kind of change and which fields.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public Guid OrganizationId { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    /// <summary>registered, updated, suspended, reinstated, archived, imported, observer-granted, ...</summary>
    public required string Action { get; init; }

    public List<string> ChangedFields { get; init; } = [];
}
