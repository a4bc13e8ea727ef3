namespace Iom.Media.Domain;

/// <summary>Which journalist key received which story (first and last time), kept for a retention period.</summary>
public sealed class FetchLogEntry
{
    public Guid KeyId { get; set; }

    public Guid StoryId { get; set; }

    public Guid JournalistId { get; set; }

    public DateTimeOffset FirstFetchedAt { get; set; }

    public DateTimeOffset LastFetchedAt { get; set; }
}
