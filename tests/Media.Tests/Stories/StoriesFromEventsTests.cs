using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Iom.Contracts.Campaign;
using Iom.Contracts.Consultations;
using Iom.Contracts.Media;
using Iom.Media.Domain;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Media.Tests.Stories;

public sealed class StoriesFromEventsTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Tombstones = "http://purl.org/atompub/tombstones/1.0";
    private readonly MediaApi api = new(media);

    private static TestimonyPublished Testimony(Guid id, params string[] purposes) => new(
        id, "Crossing the Sahel " + id.ToString("N")[..6], "I left Agadez in March. The journey took forty days.", "en",
        ["countering-xenophobia"], "NE", "IT", "Moussa", null, purposes, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_testimony_cleared_for_press_is_published_in_the_feed_with_StoryPublished_on_the_bus()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(media.Servers.RabbitMq, typeof(StoryPublished));
        var testimony = Guid.NewGuid();

        await bus.PublishAsync(Testimony(testimony, ConsentPurposes.CampaignApp, ConsentPurposes.Press));

        var story = await Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.SourceId == testimony)), what: "the story");
        Assert.Equal(StoryStatus.Published, story!.Status);
        Assert.Equal("testimony", story.SourceKind);
        Assert.Equal("Moussa", story.Attribution);
        Assert.Equal(["Africa", "Europe"], story.Regions.Order().ToList());
        var published = await probe.WaitForAsync<StoryPublished>(m => m.GetProperty("storyId").GetGuid() == story.Id);
        Assert.Equal(testimony, published.Message.GetProperty("sourceId").GetGuid());
        var json = await api.Feed(await api.NewKeyAsync()).GetFromJsonAsync<JsonElement>("/feeds/stories.json");
        Assert.Contains(json.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == $"urn:uuid:{story.Id}");
    }

    [Fact]
    public async Task A_testimony_without_press_consent_creates_no_story()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var notForPress = Guid.NewGuid();
        var marker = Guid.NewGuid();

        var messageId = await bus.PublishAsync(Testimony(notForPress, ConsentPurposes.CampaignApp, ConsentPurposes.SocialMedia));
        await bus.PublishAsync(Testimony(marker, ConsentPurposes.Press));
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Stories.AnyAsync(s => s.SourceId == marker)), what: "the marker story");
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Set<Iom.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == messageId)), what: "the first message consumed");

        Assert.False(await media.QueryAsync(db => db.Stories.AnyAsync(s => s.SourceId == notForPress)));
    }

    [Fact]
    public async Task Consent_withdrawn_leaves_a_tombstone_in_both_formats_and_erases_the_text()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(media.Servers.RabbitMq, typeof(StoryWithdrawn));
        var testimony = Guid.NewGuid();
        await bus.PublishAsync(Testimony(testimony, ConsentPurposes.Press));
        var storyId = (await Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.SourceId == testimony && s.Status == StoryStatus.Published))))!.Id;
        var feedClient = api.Feed(await api.NewKeyAsync());
        var title = Testimony(testimony).Title;
        Assert.Contains(title, await feedClient.GetStringAsync("/feeds/stories.atom"), StringComparison.Ordinal);

        await bus.PublishAsync(new ConsentWithdrawn(testimony, [ConsentPurposes.Press], Complete: false, DateTimeOffset.UtcNow));

        var stored = await Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.Id == storyId && s.Status == StoryStatus.Withdrawn)), what: "the withdrawal");
        Assert.Null(stored!.Headline);
        Assert.Null(stored.Summary);
        Assert.Null(stored.Body);
        Assert.Null(stored.Attribution);
        Assert.True(stored.TextErased);
        await probe.WaitForAsync<StoryWithdrawn>(m => m.GetProperty("storyId").GetGuid() == storyId);
        // The page rendered before (Redis "feed:e:*") left with the text, not at the end of its 10-minute lifetime.
        await Eventually.TrueAsync(
            async () => (await RedisSearch.FindAsync(media.Servers.Redis, title, $"{media.QueuePrefix}:*")).Count == 0,
            TimeSpan.FromSeconds(10), "the rendered page holding the title to leave Redis");

        var atomText = await feedClient.GetStringAsync("/feeds/stories.atom");
        Assert.DoesNotContain(title, atomText, StringComparison.Ordinal);
        var atom = XDocument.Parse(atomText).Root!;
        Assert.DoesNotContain(atom.Elements(Atom + "entry"), e => e.Element(Atom + "id")!.Value == $"urn:uuid:{storyId}");
        var tombstone = atom.Elements(Tombstones + "deleted-entry").Single(e => e.Attribute("ref")!.Value == $"urn:uuid:{storyId}");
        Assert.True(DateTimeOffset.TryParse(tombstone.Attribute("when")!.Value, out _));

        var json = await feedClient.GetFromJsonAsync<JsonElement>("/feeds/stories.json");
        var item = json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == $"urn:uuid:{storyId}");
        Assert.True(item.GetProperty("_iom").GetProperty("withdrawn").GetBoolean());
        Assert.False(item.TryGetProperty("title", out _));
    }

    [Fact]
    public async Task A_testimony_published_after_its_consent_was_withdrawn_creates_no_story()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var testimony = Guid.NewGuid();
        var withdrawal = await bus.PublishAsync(new ConsentWithdrawn(testimony, [], Complete: true, DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Set<Iom.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == withdrawal)), what: "the withdrawal");

        var late = await bus.PublishAsync(Testimony(testimony, ConsentPurposes.Press));
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Set<Iom.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == late)), what: "the late testimony");

        Assert.False(await media.QueryAsync(db => db.Stories.AnyAsync(s => s.SourceId == testimony)));
    }

    [Fact]
    public async Task A_consultation_outcome_becomes_a_draft_that_is_not_in_the_feed()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var consultation = Guid.NewGuid();
        await bus.PublishAsync(new ConsultationOutcomePublished(consultation, "regional-civil-society-consultation", "Labour migration in West Africa",
            ["migration-governance"], "Sub-Saharan Africa", "Participants agreed on three priorities.", ["Protect migrant workers"], DateTimeOffset.UtcNow));

        var story = await Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.SourceId == consultation)));
        Assert.Equal(StoryStatus.Draft, story!.Status);
        Assert.Equal("consultation-outcome", story.SourceKind);
        Assert.Contains("Protect migrant workers", story.Body, StringComparison.Ordinal);
        Assert.Equal(["Sub-Saharan Africa"], story.Regions);
        var json = await api.Feed(await api.NewKeyAsync()).GetFromJsonAsync<JsonElement>("/feeds/stories.json");
        Assert.DoesNotContain(json.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == $"urn:uuid:{story.Id}");
    }
}

public sealed class DraftTestimonyTests(StrictMediaFactory media) : IClassFixture<StrictMediaFactory>
{
    [Fact]
    public async Task With_auto_publish_off_a_press_testimony_waits_as_a_draft()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var testimony = Guid.NewGuid();
        await bus.PublishAsync(new TestimonyPublished(testimony, "Title", "Story", "en", [], null, null, "Anonymous", null, [ConsentPurposes.Press], DateTimeOffset.UtcNow));

        var story = await Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.SourceId == testimony)));
        Assert.Equal(StoryStatus.Draft, story!.Status);
        Assert.Null(story.PublishedAt);
    }
}
