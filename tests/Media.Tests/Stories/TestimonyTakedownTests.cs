using Iom.Contracts.Campaign;
using Iom.Contracts.Media;
using Iom.Media.Domain;
using Iom.Media.Stories;
using Iom.Media.Tests.Feeds;
using Iom.Messaging.Inbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Iom.Media.Tests.Stories.TestimonyFeedCheck;

namespace Iom.Media.Tests.Stories;

/// <summary>
/// Campaign's testimony events through the real broker: taken down → a tombstone in every format and on the live
/// stream; re-approved after a safety edit → corrected with the redacted text, the old text in no feed and no Redis
/// value; applied by the testimony's own time whatever the order of arrival.
/// </summary>
public sealed class TestimonyTakedownTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task An_unpublished_testimony_becomes_a_tombstone_in_every_format_and_on_the_live_stream()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(media.Servers.RabbitMq, typeof(StoryWithdrawn));
        var feed = api.Feed(await api.NewKeyAsync());
        var testimony = Guid.NewGuid();
        var title = "Reported story " + testimony.ToString("N")[..8];
        var at = DateTimeOffset.UtcNow;
        await bus.PublishAsync(Published(testimony, title, "A text that was reported.", at));
        var story = await PublishedStoryAsync(testimony);
        Assert.Contains(title, (await AllFormatsAsync(feed))["atom.gz"], StringComparison.Ordinal); // cached in every representation
        using var stream = await LiveStream.OpenAsync(feed, $"/feeds/stream?theme={Theme}");

        await bus.PublishAsync(new TestimonyUnpublished(testimony, "reported: identifying details", at.AddSeconds(1)));

        await stream.WaitForAsync("story-withdrawn", story.Id);
        var stored = await media.QueryAsync(db => db.Stories.AsNoTracking().SingleAsync(s => s.Id == story.Id));
        Assert.Equal(StoryStatus.Withdrawn, stored.Status);
        Assert.Null(stored.Headline);
        Assert.Null(stored.Body);
        Assert.Equal(TestimonySources.TakenDownReason, stored.WithdrawnReason);
        await probe.WaitForAsync<StoryWithdrawn>(m => m.GetProperty("storyId").GetGuid() == story.Id);
        var texts = await AllFormatsAsync(feed);
        Assert.All(texts.Values, t => Assert.DoesNotContain(title, t, StringComparison.Ordinal));
        AssertTombstone(texts, story.Id);
    }

    [Fact]
    public async Task A_re_approval_after_a_safety_edit_corrects_the_story_and_the_old_text_is_in_no_feed_and_no_redis_value()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var feed = api.Feed(await api.NewKeyAsync());
        var testimony = Guid.NewGuid();
        var secret = "Omar-" + testimony.ToString("N")[..10]; // the name a moderator redacts
        var at = DateTimeOffset.UtcNow;
        await bus.PublishAsync(Published(testimony, "Leaving with " + secret, $"I left with {secret} in March.", at));
        var original = await PublishedStoryAsync(testimony);
        Assert.All((await AllFormatsAsync(feed)).Values, t => Assert.Contains(secret, t, StringComparison.Ordinal));

        await bus.PublishAsync(new TestimonyUnpublished(testimony, "on hold: identifying details", at.AddSeconds(1)));
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Stories.AnyAsync(s => s.Id == original.Id && s.Status == StoryStatus.Withdrawn)), what: "the takedown");
        await bus.PublishAsync(Published(testimony, "Leaving with [name removed]", "I left with [name removed] in March.", at.AddSeconds(2)));

        var corrected = await Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.Id == original.Id && s.Status == StoryStatus.Corrected)), what: "the correction");
        Assert.Equal(TestimonySources.EditedNote, corrected!.CorrectionNote);
        Assert.Contains("edited for safety", corrected.CorrectionNote, StringComparison.Ordinal);
        Assert.True(corrected.UpdatedAt > original.UpdatedAt);
        Assert.Equal("I left with [name removed] in March.", corrected.Body);
        var texts = await AllFormatsAsync(feed);
        Assert.All(texts.Values, t => Assert.DoesNotContain(secret, t, StringComparison.Ordinal));
        Assert.All(texts.Values, t => Assert.Contains("[name removed]", t, StringComparison.Ordinal));
        Assert.Contains("edited for safety", texts["atom"], StringComparison.Ordinal);
        Assert.DoesNotContain(await RedisValuesAsync(media.Servers.Redis, media.QueuePrefix + ":"), v => v.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_are_applied_by_the_testimonys_own_time_whatever_order_they_arrive_in()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var testimony = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var redacted = "The redacted text " + testimony.ToString("N")[..8];

        // Published, taken down, published again after an edit — delivered newest first.
        await bus.PublishAsync(Published(testimony, "Edited title", redacted, at.AddSeconds(2)));
        var story = await PublishedStoryAsync(testimony);
        var late = new[]
        {
            await bus.PublishAsync(new TestimonyUnpublished(testimony, "reported", at.AddSeconds(1))),
            await bus.PublishAsync(Published(testimony, "Original title", "The original, unredacted text.", at)),
        };
        await Eventually.TrueAsync(async () => await media.QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => late.Contains(m.MessageId))) == 2, what: "both late events consumed");

        var stored = await media.QueryAsync(db => db.Stories.AsNoTracking().SingleAsync(s => s.SourceId == testimony));
        Assert.Equal(StoryStatus.Published, stored.Status);
        Assert.Equal(redacted, stored.Body);
        Assert.Equal(story.UpdatedAt, stored.UpdatedAt);
    }

    private Task<Story> PublishedStoryAsync(Guid testimony) =>
        Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.SourceId == testimony && s.Status == StoryStatus.Published)), what: "the published story");
}
