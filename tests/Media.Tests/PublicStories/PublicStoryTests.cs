using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace Iom.Media.Tests.PublicStories;

/// <summary>The public story route behind /stories/{id}, and the feeds' links to it (issue 13 §4).</summary>
public sealed class PublicStoryTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task A_published_story_is_public_with_an_etag_and_a_matching_if_none_match_is_a_304()
    {
        var id = await api.PublishedAsync("Public headline " + Guid.NewGuid());
        var anonymous = media.CreateClient();

        var response = await anonymous.GetAsync($"/api/media/public/stories/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var story = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Public headline", story.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal(id, story.GetProperty("id").GetGuid());
        var etag = response.Headers.ETag!;
        Assert.False(etag.IsWeak);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/media/public/stories/{id}");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var correct = await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/correct", new { note = "A date was wrong.", headline = "Corrected public headline" });
        Assert.Equal(HttpStatusCode.OK, correct.StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/media/public/stories/{id}");
        stale.Headers.IfNoneMatch.Add(etag);
        var changed = await anonymous.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("A date was wrong.", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correction").GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_draft_or_embargoed_story_is_a_404_and_a_withdrawn_one_a_410_without_its_text()
    {
        var anonymous = media.CreateClient();
        var draft = await api.DraftAsync("Draft " + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/media/public/stories/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Editor.PostAsJsonAsync($"/api/media/stories/{draft}/embargo", new { until = DateTimeOffset.UtcNow.AddDays(2) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/media/public/stories/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/media/public/stories/{Guid.NewGuid()}")).StatusCode);

        var headline = "To withdraw " + Guid.NewGuid();
        var id = await api.PublishedAsync(headline);
        Assert.Equal(HttpStatusCode.OK, (await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/withdraw", new { reason = "Source asked" })).StatusCode);
        var gone = await anonymous.GetAsync($"/api/media/public/stories/{id}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var body = await gone.Content.ReadAsStringAsync();
        Assert.DoesNotContain(headline, body, StringComparison.Ordinal);
        Assert.Equal(410, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Every_published_item_links_to_its_page_in_each_format_and_embargoed_items_do_not_but_have_a_pubDate()
    {
        var published = await api.PublishedAsync("Linked " + Guid.NewGuid(), theme: "volunteerism", region: "Micronesia");
        var embargoed = await api.DraftAsync("Embargoed link " + Guid.NewGuid(), theme: "volunteerism", region: "Micronesia");
        Assert.Equal(HttpStatusCode.OK, (await api.Editor.PostAsJsonAsync($"/api/media/stories/{embargoed}/embargo", new { until = DateTimeOffset.UtcNow.AddDays(2) })).StatusCode);
        var feed = api.Feed(await api.NewKeyAsync(embargoAccess: true));
        const string Beat = "?theme=volunteerism&region=Micronesia";
        var page = $"http://localhost/stories/{published}";

        var atom = XDocument.Parse(await feed.GetStringAsync("/feeds/stories.atom" + Beat)).Root!;
        var entries = atom.Elements(Atom + "entry").ToDictionary(e => e.Element(Atom + "id")!.Value);
        Assert.Equal(page, entries[$"urn:uuid:{published}"].Elements(Atom + "link").Single(l => l.Attribute("rel")!.Value == "alternate").Attribute("href")!.Value);
        Assert.DoesNotContain(entries[$"urn:uuid:{embargoed}"].Elements(Atom + "link"), l => l.Attribute("rel")!.Value == "alternate");

        var rss = XDocument.Parse(await feed.GetStringAsync("/feeds/stories.rss" + Beat)).Root!;
        var items = rss.Element("channel")!.Elements("item").ToDictionary(i => i.Element("guid")!.Value);
        Assert.Equal(page, items[$"urn:uuid:{published}"].Element("link")!.Value);
        Assert.Null(items[$"urn:uuid:{embargoed}"].Element("link"));
        Assert.All(items.Values, i => Assert.True(DateTimeOffset.TryParse(i.Element("pubDate")?.Value, out _)));

        var json = await feed.GetFromJsonAsync<JsonElement>("/feeds/stories.json" + Beat);
        var byId = json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(page, byId[$"urn:uuid:{published}"].GetProperty("url").GetString());
        Assert.False(byId[$"urn:uuid:{embargoed}"].TryGetProperty("url", out _));
    }
}
