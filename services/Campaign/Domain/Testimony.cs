using Iom.Contracts.Campaign;

namespace Iom.Campaign.Domain;

/// <summary>
/// A personal testimony of migration. Its content (title, story, first name, countries) is personal data:
/// it leaves Campaign only in TestimonyPublished, and is erased when the author withdraws consent completely.
/// </summary>
public sealed class Testimony
{
    public const string AnonymousDisplay = "Anonymous";

    public Guid Id { get; init; }

    /// <summary>What the author wrote; seen only by moderators. Null once erased.</summary>
    public string? Title { get; set; }

    public string? Story { get; set; }

    /// <summary>The moderator's safety edit (names, places redacted); what the public sees when set.</summary>
    public string? RedactedTitle { get; set; }

    public string? RedactedStory { get; set; }

    /// <summary>ISO 639-1, lower case.</summary>
    public required string Language { get; set; }

    public List<string> Themes { get; set; } = [];

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? CountryOfOrigin { get; set; }

    public string? CountryOfResidence { get; set; }

    /// <summary>The first name the author chose to be shown with; null when anonymous.</summary>
    public string? FirstName { get; set; }

    /// <summary>The purposes currently consented to (subset of <see cref="ConsentPurposes.All"/>).</summary>
    public List<string> Consents { get; set; } = [];

    /// <summary>The partner organisation that submitted on the migrant's behalf, shown as the source.</summary>
    public Guid? SourceOrganizationId { get; set; }

    /// <summary>The organisation's reference to the migrant's recorded consent (e.g. its form number).</summary>
    public string? ConsentReference { get; set; }

    /// <summary>SHA-256 of the receipt secret; the secret itself is never stored.</summary>
    public required byte[] SecretHash { get; init; }

    public TestimonyState State { get; set; }

    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it (last) entered the moderation queue: submission, or a public report.</summary>
    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? ModerationNote { get; set; }

    public int ReportCount { get; set; }

    /// <summary>
    /// Reported by the public but still published (fewer distinct reporters than the take-down threshold): it waits
    /// in the moderation queue for a moderator's decision. Null when no report waits.
    /// </summary>
    public DateTimeOffset? FlaggedAt { get; set; }

    /// <summary>PostgreSQL xmin: two moderators acting at once cannot both win.</summary>
    public uint Version { get; set; }

    public string PublicTitle => RedactedTitle ?? Title ?? string.Empty;

    public string PublicStory => RedactedStory ?? Story ?? string.Empty;

    public string AuthorDisplay => FirstName ?? AnonymousDisplay;

    public bool IsShownInApp => State == TestimonyState.Published && Consents.Contains(ConsentPurposes.CampaignApp);

    public bool CanBeApproved => State is TestimonyState.Pending or TestimonyState.OnHold;

    public bool CanBeRejected => State is TestimonyState.Pending or TestimonyState.OnHold or TestimonyState.Scheduled;

    public bool CanBeHeld => State is TestimonyState.Pending or TestimonyState.Scheduled or TestimonyState.Published;

    public bool CanBeEdited => State is TestimonyState.Pending or TestimonyState.OnHold or TestimonyState.Scheduled;

    /// <summary>Complete withdrawal: the personal content goes, a tombstone (id, dates, state) stays.</summary>
    public void Erase(DateTimeOffset now)
    {
        EraseContent(now);
        State = TestimonyState.Withdrawn;
        WithdrawnAt = now;
    }

    /// <summary>Retention: the personal content goes, the state (rejected, expired) and the dates stay.</summary>
    public void EraseContent(DateTimeOffset now)
    {
        Title = null;
        Story = null;
        RedactedTitle = null;
        RedactedStory = null;
        FirstName = null;
        CountryOfOrigin = null;
        CountryOfResidence = null;
        ConsentReference = null;
        ModerationNote = null;
        Consents = [];
        PublishAt = null;
        FlaggedAt = null;
        UpdatedAt = now;
    }
}

public enum TestimonyState
{
    Pending,
    OnHold,
    Scheduled,
    Published,
    Rejected,
    Withdrawn,

    /// <summary>Never answered by a moderator within the retention period: its content was erased.</summary>
    Expired,
}
