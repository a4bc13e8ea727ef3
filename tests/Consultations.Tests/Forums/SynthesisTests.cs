using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Consultations;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Forums;

public sealed class SynthesisTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task The_organiser_consolidates_contributions_with_links_and_InputSynthesisConsolidated_goes_on_the_bus()
    {
        await using var probe = await BusProbe.StartAsync(consultations.Servers.RabbitMq, typeof(InputSynthesisConsolidated));
        var forum = await consultations.OpenForumAsync();
        var a = await consultations.ContributeAnonymouslyOkAsync(forum, "Lower fees.", "SN", "fr");
        var b = await consultations.ContributeAnonymouslyOkAsync(forum, "Recognise skills.", "PH", "en", forum.OtherTopic);
        await consultations.ApproveAsync(a.Id);
        await consultations.ApproveAsync(b.Id);
        var organizer = consultations.ClientFor(SuiteRoles.ConsultationOrganizer);

        var response = await organizer.PutAsJsonAsync($"/api/consultations/forums/{forum.Id}/synthesis", new { text = "The diaspora asks for cheaper remittances and recognised skills.", contributionIds = new[] { a.Id, b.Id } });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var synthesis = await response.Content.ReadFromJsonAsync<JsonElement>();
        var links = synthesis.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("link").GetString()!).ToList();
        Assert.Equal([$"/api/consultations/public/forum-contributions/{a.Id}", $"/api/consultations/public/forum-contributions/{b.Id}"], links);
        Assert.Equal(HttpStatusCode.OK, (await consultations.CreateClient().GetAsync(links[0])).StatusCode);
        var message = await probe.WaitForAsync<InputSynthesisConsolidated>(m => m.GetProperty("forumId").GetGuid() == forum.Id);
        Assert.Equal(forum.ConsultationId, message.Message.GetProperty("consultationId").GetGuid());
        Assert.Equal(2, message.Message.GetProperty("sourceContributionIds").GetArrayLength());

        // The individual behind a withdraws: the synthesis no longer cites it.
        using var withdraw = await consultations.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/consultations/public/forum-receipts/{a.Id}/withdrawal").WithReceipt(a));
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        var after = await organizer.GetFromJsonAsync<JsonElement>($"/api/consultations/forums/{forum.Id}/synthesis");
        Assert.Equal([b.Id], after.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("contributionId").GetGuid()).ToList());
        var stored = await consultations.QueryAsync(db => db.ForumSyntheses.SingleAsync(s => s.ForumId == forum.Id));
        Assert.Equal([b.Id], stored.SourceContributionIds);
    }

    [Fact]
    public async Task Only_published_contributions_of_the_forum_can_be_sources_and_a_failed_request_writes_nothing()
    {
        var forum = await consultations.OpenForumAsync();
        var published = await consultations.ContributeAnonymouslyOkAsync(forum);
        await consultations.ApproveAsync(published.Id);
        var pending = await consultations.ContributeAnonymouslyOkAsync(forum, "Pending", "KE", "en");

        var response = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PutAsJsonAsync($"/api/consultations/forums/{forum.Id}/synthesis",
            new { text = "Synthesis", contributionIds = new[] { published.Id, pending.Id } });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(pending.Id.ToString(), problem.GetProperty("errors").GetProperty("contributionIds")[0].GetString(), StringComparison.Ordinal);
        var empty = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PutAsJsonAsync($"/api/consultations/forums/{forum.Id}/synthesis", new { text = "" });
        var errors = (await empty.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("text", out _) && errors.TryGetProperty("contributionIds", out _));
        Assert.False(await consultations.QueryAsync(db => db.ForumSyntheses.AnyAsync(s => s.ForumId == forum.Id)));
    }
}
