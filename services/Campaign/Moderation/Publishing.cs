using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Contracts.Campaign;
using Iom.Messaging.Outbox;

namespace Iom.Campaign.Moderation;

/// <summary>
/// The state changes moderation shares: publishing (TestimonyPublished with the cleared content and the consented
/// purposes), taking down (TestimonyUnpublished), and the audit row every action writes.
/// </summary>
internal static class Publishing
{
    public static void Publish(CampaignDbContext db, Testimony testimony, string actor, DateTimeOffset now, TimeProvider clock)
    {
        now = OrderedAfterLastChange(testimony, now);
        testimony.State = TestimonyState.Published;
        testimony.PublishedAt = now;
        testimony.PublishAt = null;
        testimony.UpdatedAt = now;
        Audit(db, testimony.Id, actor, "published", $"purposes: {string.Join(", ", testimony.Consents)}", now);
        db.StageEvent(new TestimonyPublished(
            testimony.Id,
            testimony.PublicTitle,
            testimony.PublicStory,
            testimony.Language,
            [.. testimony.Themes],
            testimony.CountryOfOrigin,
            testimony.CountryOfResidence,
            testimony.AuthorDisplay,
            testimony.SourceOrganizationId,
            [.. testimony.Consents],
            now), clock);
        if (testimony.IsShownInApp)
        {
            db.EvictAfterCommit(PublicCache.Testimonies);
        }
    }

    /// <summary>Takes a published testimony down, back to <paramref name="to"/> (the queue, or on hold).</summary>
    public static void Unpublish(CampaignDbContext db, Testimony testimony, TestimonyState to, string reason, DateTimeOffset now, TimeProvider clock)
    {
        now = OrderedAfterLastChange(testimony, now);
        if (testimony.IsShownInApp)
        {
            db.EvictAfterCommit(PublicCache.Testimonies);
        }

        testimony.State = to;
        testimony.UpdatedAt = now;
        db.StageEvent(new TestimonyUnpublished(testimony.Id, reason, now), clock);
    }

    /// <summary>
    /// The time an event about this testimony carries: never before the testimony's last change (one microsecond later,
    /// the database's precision, if the clock says otherwise). Changes to one testimony are serialised by its row
    /// version, so the times of its events follow their commit order even across replicas with skewed clocks —
    /// receivers (Media) order TestimonyPublished/TestimonyUnpublished by this time.
    /// </summary>
    private static DateTimeOffset OrderedAfterLastChange(Testimony testimony, DateTimeOffset now) =>
        now > testimony.UpdatedAt ? now : testimony.UpdatedAt.AddTicks(TimeSpan.TicksPerMicrosecond);

    public static void Audit(CampaignDbContext db, Guid testimonyId, string actor, string action, string? detail, DateTimeOffset now) =>
        db.ModerationAudit.Add(new ModerationAuditEntry { TestimonyId = testimonyId, Actor = actor, Action = action, Detail = detail, At = now });

    internal static IResult IllegalTransition(Testimony testimony, string action) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: $"A {testimony.State.ToWire()} testimony cannot be {action}.",
        detail: $"Testimony {testimony.Id} is {testimony.State.ToWire()}.");

    internal static IResult ConcurrentChange() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The testimony changed meanwhile.",
        detail: "Another moderator (or the author) acted on it at the same moment; reload it and try again.");
}
