using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Media;
using Iom.TestSupport;
using Xunit;

namespace Iom.Media.Tests.Stories;

public sealed class StoryLifecycleTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private readonly MediaApi api = new(media);

    private static async Task<string> ErrorFieldsAsync(HttpResponseMessage response) =>
        string.Join(",", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

    [Fact]
    public async Task A_story_without_a_headline_is_a_400()
    {
        var response = await api.Editor.PostAsJsonAsync("/api/media/stories", new { summary = "x", themes = new[] { "media" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("headline", await ErrorFieldsAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_themes_sources_and_regions_are_400s_naming_the_field()
    {
        var response = await api.Editor.PostAsJsonAsync("/api/media/stories", new { headline = "h", themes = new[] { "nope" }, regions = new[] { "Narnia" }, source = "rumour" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = await ErrorFieldsAsync(response);
        Assert.Contains("themes", fields, StringComparison.Ordinal);
        Assert.Contains("regions", fields, StringComparison.Ordinal);
        Assert.Contains("source", fields, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embargo_in_the_past_is_a_400()
    {
        var id = await api.DraftAsync("Past embargo " + Guid.NewGuid());
        var response = await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/embargo", new { until = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("until", await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Correcting_a_withdrawn_story_is_a_409_and_so_is_a_second_withdrawal()
    {
        var id = await api.PublishedAsync("Withdrawn " + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, (await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/withdraw", new { reason = "Factual error" })).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/correct", new { note = "too late" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/withdraw", new { reason = "again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.Editor.PostAsync($"/api/media/stories/{id}/publish", null)).StatusCode);
    }

    [Fact]
    public async Task Correcting_a_draft_and_editing_a_published_story_are_409s()
    {
        var draft = await api.DraftAsync("Draft " + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await api.Editor.PostAsJsonAsync($"/api/media/stories/{draft}/correct", new { note = "n" })).StatusCode);
        var published = await api.PublishedAsync("Published " + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await api.Editor.PutAsJsonAsync($"/api/media/stories/{published}", new { headline = "new" })).StatusCode);
    }

    [Fact]
    public async Task Unknown_story_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await api.Editor.PostAsync($"/api/media/stories/{Guid.NewGuid()}/publish", null)).StatusCode);
    }

    [Fact]
    public async Task A_scheduled_story_is_published_at_its_time()
    {
        var id = await api.DraftAsync("Scheduled " + Guid.NewGuid());
        var schedule = await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/schedule", new { publishAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);

        await Eventually.TrueAsync(async () =>
            (await api.Editor.GetFromJsonAsync<JsonElement>($"/api/media/stories/{id}")).GetProperty("status").GetString() == "published", what: "the scheduled publication");
    }

    [Fact]
    public async Task Every_change_is_audited_and_the_events_go_out()
    {
        await using var probe = await BusProbe.StartAsync(media.Servers.RabbitMq, typeof(StoryPublished), typeof(StoryCorrected), typeof(StoryWithdrawn));
        var id = await api.PublishedAsync("Audited " + Guid.NewGuid());
        await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/correct", new { note = "Name corrected" });
        await api.Editor.PostAsJsonAsync($"/api/media/stories/{id}/withdraw", new { reason = "Source asked" });

        var audit = await api.Editor.GetFromJsonAsync<JsonElement>($"/api/media/stories/{id}/audit");
        Assert.Equal(["created", "published", "corrected", "withdrawn"], audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList());
        Assert.All(audit.EnumerateArray(), a => Assert.Equal("test-media-editor", a.GetProperty("actor").GetString()));
        await probe.WaitForAsync<StoryPublished>(m => m.GetProperty("storyId").GetGuid() == id);
        Assert.Equal("Name corrected", (await probe.WaitForAsync<StoryCorrected>(m => m.GetProperty("storyId").GetGuid() == id)).Message.GetProperty("note").GetString());
        Assert.Equal("Source asked", (await probe.WaitForAsync<StoryWithdrawn>(m => m.GetProperty("storyId").GetGuid() == id)).Message.GetProperty("reason").GetString());
    }
}
