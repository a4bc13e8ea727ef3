namespace Iom.Media.Feeds;

/// <summary>
/// The one row of "feed_state": the feed generation as PostgreSQL knows it. A deferred trigger on "stories" raises it
/// in the same transaction as any change to a story (at commit), so the generation is never behind the data, whatever
/// happens after the commit (Redis away, the process killed). Redis's "feed:gen" follows it (raised, never ahead);
/// a replica that cannot trust its memory compares its pages against this number (docs/adr/0005).
/// </summary>
internal sealed class FeedState
{
    public const int SingleRow = 1;

    public int Id { get; set; }

    public long Generation { get; set; }
}
