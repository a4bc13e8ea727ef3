using Iom.Contracts.Media;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Media.Feeds;
using Iom.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>
/// The story's transitions, used by the editors' endpoints, the consumers and the scheduler alike: each applies
/// the change, writes the audit entry, stages the event and asks for the feed eviction, all saved by ONE SaveChanges.
/// A transition that is not allowed returns an error message (the caller answers 409).
/// </summary>
public sealed class StoryLifecycle(FeedNotifier feeds, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public static void Audit(MediaDbContext db, Story story, string action, string actor, DateTimeOffset at, string? detail = null) =>
        db.StoryAudit.Add(new StoryAuditEntry { StoryId = story.Id, Action = action, Actor = actor, At = at, Detail = detail });

    public string? Schedule(MediaDbContext db, Story story, DateTimeOffset publishAt, string actor)
    {
        if (story.Status is not (StoryStatus.Draft or StoryStatus.Scheduled))
        {
            return $"A {WireNames.ToWire(story.Status)} story cannot be scheduled.";
        }

        story.Status = StoryStatus.Scheduled;
        story.PublishAt = publishAt;
        Audit(db, story, "scheduled", actor, Now, $"publish at {publishAt:O}");
        return null;
    }

    public string? Embargo(MediaDbContext db, Story story, DateTimeOffset until, string actor)
    {
        if (story.Status is not (StoryStatus.Draft or StoryStatus.Scheduled or StoryStatus.Embargoed))
        {
            return $"A {WireNames.ToWire(story.Status)} story cannot be put under embargo.";
        }

        story.Status = StoryStatus.Embargoed;
        story.EmbargoUntil = until;
        story.PublishAt = null;
        story.WasShared = true;
        story.UpdatedAt = Now;
        Audit(db, story, "embargoed", actor, Now, $"embargoed until {until:O}");
        feeds.Changed(db, story, null);
        return null;
    }

    public string? Publish(MediaDbContext db, Story story, string actor)
    {
        if (!story.IsEditable)
        {
            return $"A {WireNames.ToWire(story.Status)} story cannot be published.";
        }

        if (string.IsNullOrWhiteSpace(story.Headline))
        {
            return "A story without a headline cannot be published.";
        }

        var now = Now;
        story.Status = StoryStatus.Published;
        story.PublishedAt = now;
        story.UpdatedAt = now;
        story.WasShared = true;
        Audit(db, story, "published", actor, now);
        db.StageEvent(new StoryPublished(story.Id, story.Headline, [.. story.Themes], [.. story.Regions], [.. story.Languages], story.SourceKind, story.SourceId, now), clock);
        feeds.Changed(db, story, FeedChangeTypes.Published);
        return null;
    }

    public string? Correct(MediaDbContext db, Story story, string note, string? headline, string? summary, string? body, string actor)
    {
        if (story.Status is not (StoryStatus.Published or StoryStatus.Corrected))
        {
            return $"A {WireNames.ToWire(story.Status)} story cannot be corrected.";
        }

        var now = Now;
        var changed = new List<string>();
        if (headline is not null && headline != story.Headline)
        {
            story.Headline = headline;
            changed.Add("headline");
        }

        if (summary is not null && summary != story.Summary)
        {
            story.Summary = summary;
            changed.Add("summary");
        }

        if (body is not null && body != story.Body)
        {
            story.Body = body;
            changed.Add("body");
        }

        story.Status = StoryStatus.Corrected;
        story.CorrectionNote = note;
        story.CorrectedAt = now;
        story.UpdatedAt = now;
        Audit(db, story, "corrected", actor, now, changed.Count == 0 ? "note only" : "changed: " + string.Join(", ", changed));
        db.StageEvent(new StoryCorrected(story.Id, note, now), clock);
        feeds.Changed(db, story, FeedChangeTypes.Corrected);
        return null;
    }

    /// <param name="erase">The text must leave the database (consent withdrawn, testimony taken down): only the tombstone remains.</param>
    public string? Withdraw(MediaDbContext db, Story story, string reason, string actor, bool erase)
    {
        if (story.Status == StoryStatus.Withdrawn)
        {
            if (erase && !story.TextErased)
            {
                Erase(db, story, actor, reason);
                return null;
            }

            return "The story is already withdrawn.";
        }

        var now = Now;
        story.Status = StoryStatus.Withdrawn;
        story.WithdrawnAt = now;
        story.WithdrawnReason = reason;
        story.UpdatedAt = now;
        Audit(db, story, "withdrawn", actor, now, reason);
        if (erase)
        {
            Erase(db, story, actor, reason);
        }

        db.StageEvent(new StoryWithdrawn(story.Id, reason, now), clock);
        feeds.Changed(db, story, story.WasShared ? FeedChangeTypes.Withdrawn : null);
        return null;
    }

    /// <summary>
    /// A story withdrawn because its source was taken down (a testimony unpublished in Campaign) comes back with the
    /// text Campaign cleared again: corrected, with its note, if journalists had seen it; a draft again otherwise.
    /// </summary>
    public string? Restore(MediaDbContext db, Story story, StoryText text, string note, string actor)
    {
        if (story.Status != StoryStatus.Withdrawn)
        {
            return "Only a withdrawn story can be restored.";
        }

        var now = Now;
        text.ApplyTo(story);
        story.WithdrawnAt = null;
        story.WithdrawnReason = null;
        if (!story.WasShared)
        {
            story.Status = StoryStatus.Draft;
            Audit(db, story, "restored", actor, now, "back to draft");
            feeds.Changed(db, story, null);
            return null;
        }

        story.Status = StoryStatus.Corrected;
        story.CorrectionNote = note;
        story.CorrectedAt = now;
        story.UpdatedAt = now;
        Audit(db, story, "restored", actor, now, note);
        db.StageEvent(new StoryCorrected(story.Id, note, now), clock);
        feeds.Changed(db, story, FeedChangeTypes.Corrected);
        return null;
    }

    private void Erase(MediaDbContext db, Story story, string actor, string why)
    {
        story.Headline = null;
        story.Summary = null;
        story.Body = null;
        story.Attribution = null;
        story.CorrectionNote = null;
        story.TextErased = true;
        // The headline also sits in the outbox row of StoryPublished (sent, or not yet: an unsent copy never leaves).
        var published = $"{typeof(StoryPublished).FullName}, {typeof(StoryPublished).Assembly.GetName().Name}";
        db.Database.ExecuteSql($"DELETE FROM outbox_messages WHERE message_type = {published} AND body->>'storyId' = {story.Id.ToString()}");
        Audit(db, story, "text-erased", actor, Now, why);
        feeds.Changed(db, story, null);
        feeds.Erased(db);
    }
}

/// <summary>A story's text as a source (a testimony) supplies it.</summary>
public sealed record StoryText(string Headline, string Summary, string Body, string Attribution)
{
    /// <summary>SHA-256 of the text: whether a re-publication changed it (the text itself is not kept for that).</summary>
    public byte[] Hash() => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', Headline, Summary, Body, Attribution)));

    public void ApplyTo(Story story)
    {
        story.Headline = Headline;
        story.Summary = Summary;
        story.Body = Body;
        story.Attribution = Attribution;
        story.SourceTextHash = Hash();
        story.TextErased = false;
    }
}
