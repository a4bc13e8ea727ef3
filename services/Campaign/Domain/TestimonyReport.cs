namespace Iom.Campaign.Domain;

/// <summary>A member of the public reported a published testimony; it went back to the moderation queue.</summary>
public sealed class TestimonyReport
{
    public Guid Id { get; init; }

    public Guid TestimonyId { get; init; }

    /// <summary>One of <see cref="ReportReasons.All"/>.</summary>
    public required string Reason { get; init; }

    public string? Note { get; set; }

    public DateTimeOffset ReportedAt { get; init; }
}

public static class ReportReasons
{
    public static readonly IReadOnlyList<string> All = ["personal-information", "offensive", "false-or-misleading", "spam", "other"];

    public static bool IsKnown(string? reason) => All.Contains(reason ?? string.Empty, StringComparer.Ordinal);
}
