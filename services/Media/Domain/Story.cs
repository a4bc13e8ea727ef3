namespace Iom.Media.Domain;

public enum StoryStatus
{
    Draft,
    Scheduled,
    Embargoed,
    Published,
    Corrected,
    Withdrawn,
}

internal static class StorySources
{
    public const string Testimony = "testimony";
    public const string ConsultationOutcome = "consultation-outcome";
    public const string MediaTeam = "media-team";
    public const string ResearchPaper = "research-paper";

    public static readonly IReadOnlyList<string> All = [Testimony, ConsultationOutcome, MediaTeam, ResearchPaper];

    public static bool IsKnown(string? value) => All.Contains(value ?? string.Empty, StringComparer.Ordinal);
}

/// <summary>
/// A story for the journalist feed. Lifecycle: draft → scheduled (publish at) or embargoed (until) → published →
/// corrected → withdrawn. A withdrawn story stays as a tombstone; when consent is withdrawn its text is erased.
/// </summary>
public sealed class Story
{
    public Guid Id { get; set; }

    /// <summary>Null once erased (consent withdrawn).</summary>
    public string? Headline { get; set; }

    public string? Summary { get; set; }

    public string? Body { get; set; }

    public List<string> Themes { get; set; } = [];

    public List<string> Regions { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    public required string SourceKind { get; set; }

    public Guid? SourceId { get; set; }

    public string? Attribution { get; set; }

    public string? UsageTerms { get; set; }

    public StoryStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The feed's "updated": set on publish, bumped by corrections and withdrawal.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishAt { get; set; }

    public DateTimeOffset? EmbargoUntil { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? CorrectionNote { get; set; }

    public DateTimeOffset? CorrectedAt { get; set; }

    public string? WithdrawnReason { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public bool TextErased { get; set; }

    /// <summary>Whether journalists may have seen it (published or shared under embargo): a withdrawal then leaves a tombstone.</summary>
    public bool WasShared { get; set; }

    /// <summary>SHA-256 of the source text last published (testimonies): tells a re-publication with edited text from an unchanged one. Null once erased.</summary>
    public byte[]? SourceTextHash { get; set; }

    public uint Version { get; set; }

    public bool IsEditable => Status is StoryStatus.Draft or StoryStatus.Scheduled or StoryStatus.Embargoed;
}

/// <summary>One change to a story: who, when, what (never the erased text).</summary>
public sealed class StoryAuditEntry
{
    public long Id { get; set; }

    public Guid StoryId { get; set; }

    public required string Action { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Detail { get; set; }
}

/// <summary>What Campaign last said about a testimony: published, taken down, or its press consent withdrawn (final).</summary>
public enum TestimonySourceStatus
{
    Published,
    Unpublished,
    ConsentWithdrawn,
}

/// <summary>
/// Media's read model of one Campaign testimony, kept even when it has no story (an unpublish or a withdrawal may
/// arrive before the publication it follows). Events are applied by the testimony's own time (the shared rule,
/// <see cref="Iom.Messaging.IStatusFromEvents{TStatus}"/>): a late or replayed older event changes nothing, and a
/// withdrawal of press consent is final whatever arrives after it. Holds ids and times only.
/// </summary>
public sealed class TestimonySource : Iom.Messaging.IStatusFromEvents<TestimonySourceStatus>
{
    public Guid TestimonyId { get; set; }

    public TestimonySourceStatus Status { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }
}
