using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Iom.Media.Tests.Training;

public sealed class TrainingTests(StrictMediaFactory media) : IClassFixture<StrictMediaFactory>
{
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task Completion_shows_in_the_history_and_unlocks_embargo_access_when_training_is_required()
    {
        var journalist = await api.JournalistAsync();
        var (_, key) = await api.KeyAsync(journalist, embargoAccess: true);
        var story = await api.DraftAsync("Embargo needs training " + Guid.NewGuid());
        await api.Editor.PostAsJsonAsync($"/api/media/stories/{story}/embargo", new { until = DateTimeOffset.UtcNow.AddDays(1) });
        var feedClient = api.Feed(key);
        Assert.DoesNotContain(story.ToString(), await feedClient.GetStringAsync("/feeds/stories.json"), StringComparison.Ordinal);

        var session = await api.Editor.PostAsJsonAsync("/api/media/training/sessions", new
        {
            topic = "Reporting on international migration",
            startsAt = DateTimeOffset.UtcNow.AddDays(-3),
            trainer = "IPS / IOM",
            online = true,
        });
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        var sessionId = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var record = await api.Editor.PostAsJsonAsync($"/api/media/training/sessions/{sessionId}/attendance", new { journalistId = journalist, attended = true, completed = true });
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);

        var history = await api.Editor.GetFromJsonAsync<JsonElement>($"/api/media/journalists/{journalist}/training");
        var entry = history.EnumerateArray().Single();
        Assert.Equal("Reporting on international migration", entry.GetProperty("topic").GetString());
        Assert.True(entry.GetProperty("completed").GetBoolean());
        Assert.Contains(story.ToString(), await feedClient.GetStringAsync("/feeds/stories.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_in_a_place_needs_the_place()
    {
        var response = await api.Editor.PostAsJsonAsync("/api/media/training/sessions", new { topic = "t", startsAt = DateTimeOffset.UtcNow, trainer = "x", online = false });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("place", out _));
    }
}
