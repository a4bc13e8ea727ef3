using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Forums;

public sealed class ModerationAndPublicReadingTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task The_queue_flags_personal_data_which_is_published_only_when_acknowledged()
    {
        var forum = await consultations.OpenForumAsync();
        var clean = await consultations.ContributeAnonymouslyOkAsync(forum, "Bilateral agreements should cover social security.", "PH", "en");
        var flagged = await consultations.ContributeAnonymouslyOkAsync(forum, "Write to me at maria.santos@example.org for our list.", "PH", "en");
        var organizer = consultations.ClientFor(SuiteRoles.ConsultationOrganizer);

        var queue = await organizer.GetFromJsonAsync<JsonElement>($"/api/consultations/forums/{forum.Id}/moderation");
        var items = queue.EnumerateArray().ToList();
        Assert.Equal([clean.Id, flagged.Id], items.Select(i => i.GetProperty("contribution").GetProperty("id").GetGuid()).ToList());
        Assert.Equal(0, items[0].GetProperty("flags").GetArrayLength());
        Assert.Equal("email", items[1].GetProperty("flags")[0].GetProperty("kind").GetString());

        var refused = await organizer.PostAsJsonAsync($"/api/consultations/forum-contributions/{flagged.Id}/approval", new { });
        await refused.ProblemAsync(HttpStatusCode.Conflict);
        var rejected = await organizer.PostAsJsonAsync($"/api/consultations/forum-contributions/{flagged.Id}/rejection", new { reason = "Contains an e-mail address; please send it again without it." });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        await consultations.ApproveAsync(clean.Id);

        Assert.Equal([clean.Id], (await consultations.PublicPageAsync(forum.Id)).Ids());
        using var view = await consultations.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/consultations/public/forum-receipts/{flagged.Id}").WithReceipt(flagged));
        var shown = await view.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rejected", shown.GetProperty("state").GetString());
        Assert.StartsWith("Contains an e-mail", shown.GetProperty("rejectionReason").GetString(), StringComparison.Ordinal);
        var again = await organizer.PostAsJsonAsync($"/api/consultations/forum-contributions/{clean.Id}/approval", new { });
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_focal_point_or_a_media_editor_cannot_moderate()
    {
        var forum = await consultations.OpenForumAsync();
        var receipt = await consultations.ContributeAnonymouslyOkAsync(forum);

        var focal = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, Guid.NewGuid()).PostAsJsonAsync($"/api/consultations/forum-contributions/{receipt.Id}/approval", new { });
        await focal.ProblemAsync(HttpStatusCode.Forbidden);
        var editor = await consultations.ClientFor(SuiteRoles.MediaEditor).GetAsync($"/api/consultations/forums/{forum.Id}/moderation");
        await editor.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_public_reads_published_contributions_paged_and_filtered_by_topic_origin_and_language()
    {
        var forum = await consultations.OpenForumAsync();
        var org = await consultations.AddPartnerAsync("GB");
        var senegal = await consultations.ContributeAnonymouslyOkAsync(forum, "Baisser les frais.", "SN", "fr");
        var mexico = await consultations.ContributeAnonymouslyOkAsync(forum, "Bajar las comisiones.", "MX", "es");
        var skills = await consultations.ContributeAnonymouslyOkAsync(forum, "Recognise nursing degrees.", "PH", "en", forum.OtherTopic);
        var organisation = await consultations.ContributeForOrganizationOkAsync(forum, org, "Diaspora bonds work.", "NG", "en");
        var pending = await consultations.ContributeAnonymouslyOkAsync(forum, "Not yet moderated.", "SN", "fr");
        foreach (var id in new[] { senegal.Id, mexico.Id, skills.Id, organisation })
        {
            await consultations.ApproveAsync(id);
        }

        var all = await consultations.PublicPageAsync(forum.Id);
        Assert.Equal([senegal.Id, mexico.Id, skills.Id, organisation], all.Ids());
        Assert.DoesNotContain(pending.Id, all.Ids());
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        var byOrg = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == organisation);
        Assert.StartsWith("Partner ", byOrg.GetProperty("author").GetString(), StringComparison.Ordinal);
        Assert.Equal("anonymous", all.GetProperty("items")[0].GetProperty("author").GetString());

        Assert.Equal([skills.Id], (await consultations.PublicPageAsync(forum.Id, $"?topic={forum.OtherTopic}")).Ids());
        Assert.Equal([senegal.Id], (await consultations.PublicPageAsync(forum.Id, "?country=sn")).Ids());
        Assert.Equal([mexico.Id], (await consultations.PublicPageAsync(forum.Id, "?language=es")).Ids());
        var second = await consultations.PublicPageAsync(forum.Id, "?page=2&pageSize=3");
        Assert.Equal([organisation], second.Ids());
        Assert.Equal(4, second.GetProperty("total").GetInt32());

        var bad = await consultations.CreateClient().GetAsync($"/api/consultations/public/forums/{forum.Id}/contributions?pageSize=1000&country=ZZZ");
        var errors = (await bad.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("pageSize", out _));
        Assert.True(errors.TryGetProperty("country", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await consultations.CreateClient().GetAsync($"/api/consultations/public/forums/{Guid.NewGuid()}/contributions")).StatusCode);
    }

    [Fact]
    public async Task The_cached_public_page_is_evicted_when_a_contribution_is_published_or_withdrawn()
    {
        var forum = await consultations.OpenForumAsync();
        var first = await consultations.ContributeAnonymouslyOkAsync(forum);
        await consultations.ApproveAsync(first.Id);
        Assert.Equal([first.Id], (await consultations.PublicPageAsync(forum.Id)).Ids());

        // Served from the output cache: a change made behind the service's back is not seen...
        await consultations.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE forum_contributions SET \"Text\" = 'changed behind the cache' WHERE \"Id\" = {first.Id}"));
        var cached = await consultations.PublicPageAsync(forum.Id);
        Assert.NotEqual("changed behind the cache", cached.GetProperty("items")[0].GetProperty("text").GetString());

        // ... while a change through a use case evicts the page.
        var second = await consultations.ContributeAnonymouslyOkAsync(forum, "Second", "KE", "en");
        await consultations.ApproveAsync(second.Id);
        Assert.Equal([first.Id, second.Id], (await consultations.PublicPageAsync(forum.Id)).Ids());

        using var withdraw = await consultations.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/consultations/public/forum-receipts/{first.Id}/withdrawal").WithReceipt(first));
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        Assert.Equal([second.Id], (await consultations.PublicPageAsync(forum.Id)).Ids());
        Assert.Equal(HttpStatusCode.NotFound, (await consultations.CreateClient().GetAsync($"/api/consultations/public/forum-contributions/{first.Id}")).StatusCode);
    }
}
