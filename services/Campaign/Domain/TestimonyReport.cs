namespace Iom.Campaign.Domain;

/// <summary>A member of the public reported a published testimony; it waits for a moderator in the queue.</summary>
public sealed class TestimonyReport
{
    public Guid Id { get; init; }

    public Guid TestimonyId { get; init; }

    /// <summary>One of <see cref="ReportReasons.All"/>.</summary>
    public required string Reason { get; init; }

    public string? Note { get; set; }

    public DateTimeOffset ReportedAt { get; init; }

    /// <summary>
    /// Who reported, as a keyed hash (HMAC-SHA256 with Campaign:Reports:ReporterKey) of the testimony id and the
    /// client's address, never the address itself; set to null once a moderator decides (docs/adr/0007-campaign-reports-retention-idempotency.md).
    /// </summary>
    public byte[]? ReporterHash { get; set; }
}

internal static class ReportReasons
{
    public static readonly IReadOnlyList<string> All = ["personal-information", "offensive", "false-or-misleading", "spam", "other"];

    public static bool IsKnown(string? reason) => All.Contains(reason ?? string.Empty, StringComparer.Ordinal);
}
