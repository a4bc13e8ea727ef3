using Iom.Media.Data;
using Iom.Media.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>
/// The step the three consumers of Campaign's testimony events share (TestimonyPublished, TestimonyUnpublished,
/// ConsentWithdrawn): lock the testimony for the rest of the consumer's transaction, then read what Media knows of it.
/// The events travel on different queues and may be handled at the same moment; without the lock a withdrawal and a
/// first publication could each miss the other's uncommitted row and both commit.
/// </summary>
internal static class TestimonySources
{
    /// <summary>Classes the advisory lock (pg_advisory_xact_lock(int, int)): "TS".</summary>
    private const int LockClass = 0x5453;

    public const string TakenDownReason = "Taken down by the campaign's moderators.";
    public const string EditedNote = "The text was edited for safety by the campaign's moderators.";
    public const string UnchangedNote = "Reviewed again by the campaign's moderators and published again; the text is unchanged.";

    public static async Task<(TestimonySource Source, Story? Story)> LockAsync(MediaDbContext db, Guid testimonyId, CancellationToken cancellationToken)
    {
        var bytes = testimonyId.ToByteArray();
        var key = BitConverter.ToInt32(bytes, 0) ^ BitConverter.ToInt32(bytes, 4) ^ BitConverter.ToInt32(bytes, 8) ^ BitConverter.ToInt32(bytes, 12);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockClass}, {key})", cancellationToken);
        var source = await db.TestimonySources.FindAsync([testimonyId], cancellationToken);
        if (source is null)
        {
            source = new TestimonySource { TestimonyId = testimonyId, Status = TestimonySourceStatus.Unpublished, StatusChangedAt = DateTimeOffset.MinValue };
            db.TestimonySources.Add(source);
        }

        var story = await db.Stories.FirstOrDefaultAsync(s => s.SourceKind == StorySources.Testimony && s.SourceId == testimonyId, cancellationToken);
        return (source, story);
    }

    /// <summary>Whether the story was withdrawn because its testimony was taken down (not by an editor): it may come back.</summary>
    public static bool TakenDownWithSource(Story story) => story.Status == StoryStatus.Withdrawn && story.WithdrawnReason == TakenDownReason;
}
