using System.Net;
using System.Net.Http.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Forums;

public sealed class OpenForumTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task An_organiser_opens_a_forum_with_topics_dates_and_languages_once_per_consultation()
    {
        var forum = await consultations.OpenForumAsync();

        var stored = await consultations.QueryAsync(db => db.Forums.SingleAsync(f => f.Id == forum.Id));
        Assert.Equal(forum.ConsultationId, stored.ConsultationId);
        Assert.Equal(["en", "fr", "es"], stored.Languages);
        var topics = await consultations.QueryAsync(db => db.ForumTopics.Where(t => t.ForumId == forum.Id).OrderBy(t => t.Position).ToListAsync());
        Assert.Equal(["Remittances", "Skills"], topics.Select(t => t.Title).ToList());
        Assert.StartsWith("How can the compact", topics[0].Question, StringComparison.Ordinal);

        var page = await consultations.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/consultations/public/forums/{forum.Id}");
        Assert.Equal(2, page.GetProperty("topics").GetArrayLength());

        var again = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{forum.ConsultationId}/forum", new
        {
            title = "Second",
            opensAt = DateTimeOffset.UtcNow,
            closesAt = DateTimeOffset.UtcNow.AddDays(1),
            languages = new[] { "en" },
            topics = new[] { new { title = "T", question = "Q?" } },
        });
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_stores_nothing()
    {
        var consultation = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody());

        var response = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{consultation}/forum", new
        {
            title = "",
            opensAt = DateTimeOffset.UtcNow.AddDays(2),
            closesAt = DateTimeOffset.UtcNow,
            languages = new[] { "xx" },
            topics = new[] { new { title = "Remittances", question = "" } },
        });

        var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "title", "closesAt", "languages", "topics" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.False(await consultations.QueryAsync(db => db.Forums.AnyAsync(f => f.ConsultationId == consultation)));
    }

    [Fact]
    public async Task A_focal_point_that_does_not_convene_cannot_open_a_forum()
    {
        var consultation = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody());
        var org = await consultations.AddPartnerAsync();

        var response = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/consultations/{consultation}/forum", new
        {
            title = "Mine",
            opensAt = DateTimeOffset.UtcNow,
            closesAt = DateTimeOffset.UtcNow.AddDays(1),
            languages = new[] { "en" },
            topics = new[] { new { title = "T", question = "Q?" } },
        });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }
}
