using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Consultations;
using Iom.Media.Domain;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Media.Tests.Stories;

public sealed class ResearchPaperStoryTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private readonly MediaApi api = new(media);

    private static ResearchPaperPublished Paper(Guid id) => new(
        id, Guid.NewGuid(), "GCM informal thematic session 3", "Contributions of migrants and diasporas", "Diaspora bonds for development",
        "How diaspora bonds can finance development at home.", "Marie McAuliffe", "University of Oxford, COMPAS",
        ["diaspora", "not-a-theme"], "Europe", "CC-BY-4.0", $"/api/consultations/public/syndicate/papers/{id}", DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_published_research_paper_becomes_one_draft_story_for_the_editors_not_in_the_feed()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var paper = Guid.NewGuid();

        await bus.PublishAsync(Paper(paper));
        await bus.PublishAsync(Paper(paper));

        var story = await Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.SourceId == paper)), what: "the story");
        Assert.Equal(StoryStatus.Draft, story!.Status);
        Assert.Equal(StorySources.ResearchPaper, story.SourceKind);
        Assert.Equal("Research: Diaspora bonds for development", story.Headline);
        Assert.Equal("Marie McAuliffe (University of Oxford, COMPAS)", story.Attribution);
        Assert.Equal("Licence: CC-BY-4.0.", story.UsageTerms);
        Assert.Equal(["diaspora"], story.Themes);
        Assert.Equal(["Europe"], story.Regions);
        Assert.Contains($"/api/consultations/public/syndicate/papers/{paper}", story.Body, StringComparison.Ordinal);

        // The duplicate delivery is handled once (inbox and the source check): still one story.
        await Eventually.TrueAsync(
            async () => await media.QueryAsync(db => db.Set<Iom.Messaging.Inbox.InboxMessage>().CountAsync(m => m.Consumer.Contains("ResearchPaperPublished"))) >= 2,
            what: "both deliveries handled");
        Assert.Equal(1, await media.QueryAsync(db => db.Stories.CountAsync(s => s.SourceId == paper)));
        var json = await api.Feed(await api.NewKeyAsync()).GetFromJsonAsync<JsonElement>("/feeds/stories.json");
        Assert.DoesNotContain(json.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == $"urn:uuid:{story.Id}");
    }
}
