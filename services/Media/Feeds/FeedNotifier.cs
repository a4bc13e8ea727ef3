using Iom.Messaging;
using Iom.Media.Data;
using Iom.Media.Domain;

namespace Iom.Media.Feeds;

/// <summary>
/// What every use case that changes a feed calls next to its change: after the commit, announce the generation
/// PostgreSQL raised in that commit (every replica's pages evicted) and tell the live stream.
/// </summary>
public sealed class FeedNotifier(FeedInvalidations invalidations, FeedStreamHub stream, FeedCache cache)
{
    /// <summary>A story's text was erased: after the commit, the rendered pages that may hold it go too (Redis and here).</summary>
    public void Erased(MediaDbContext db) =>
        db.AfterCommit(async _ => await cache.ForgetRenderedPagesAsync());

    /// <summary>The feeds changed (cache eviction after commit); <paramref name="type"/> non-null also announces it on the live stream.</summary>
    public void Changed(MediaDbContext db, Story story, string? type)
    {
        var change = type is null ? null : new FeedChange(type, story.Id, story.UpdatedAt, [.. story.Themes], [.. story.Regions], [.. story.Languages]);
        db.AfterCommit(async _ =>
        {
            await invalidations.PublishGenerationAsync(); // never throws: a failure is retried and keeps this replica off its memory
            if (change is not null)
            {
                await stream.PublishAsync(change);
            }
        });
    }
}

internal static class FeedChangeTypes
{
    public const string Published = "story-published";
    public const string Corrected = "story-corrected";
    public const string Withdrawn = "story-withdrawn";
}
