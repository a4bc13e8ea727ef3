using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Campaign.Domain;
using Iom.Contracts.Campaign;
using Iom.Messaging.Outbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests.Moderation;

public sealed class ModerationWorkflowTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    private async Task<JsonElement> DetailAsync(Guid id) =>
        await campaign.Moderator().GetFromJsonAsync<JsonElement>($"/api/campaign/moderation/testimonies/{id}");

    private static string[] AuditActions(JsonElement detail) =>
        [.. detail.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString() ?? string.Empty)];

    [Fact]
    public async Task The_queue_lists_pending_testimonies_oldest_first_and_filters_by_language()
    {
        var first = await campaign.SubmitAsync(CampaignApi.Testimony(language: "sw"));
        var second = await campaign.SubmitAsync(CampaignApi.Testimony(language: "sw"));
        var other = await campaign.SubmitAsync(CampaignApi.Testimony(language: "fr"));

        var page = await campaign.Moderator().GetFromJsonAsync<JsonElement>("/api/campaign/moderation/queue?language=sw&limit=50");

        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([first.Id, second.Id], ids);
        Assert.DoesNotContain(other.Id, ids);
        var item = page.GetProperty("items")[0];
        Assert.Equal("pending", item.GetProperty("state").GetString());
        Assert.StartsWith("A soup for the neighbours", item.GetProperty("title").GetString(), StringComparison.Ordinal);

        var paged = await campaign.Moderator().GetFromJsonAsync<JsonElement>("/api/campaign/moderation/queue?language=sw&limit=1");
        var next = paged.GetProperty("nextCursor").GetString();
        var rest = await campaign.Moderator().GetFromJsonAsync<JsonElement>($"/api/campaign/moderation/queue?language=sw&limit=1&cursor={next}");
        Assert.Equal(second.Id, rest.GetProperty("items")[0].GetProperty("id").GetGuid());

        var bad = await campaign.Moderator().GetAsync("/api/campaign/moderation/queue?language=xx&cursor=garbage");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("language", out _));
        Assert.True(errors.TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task Approving_publishes_the_redacted_content_for_the_consented_purposes_and_keeps_the_original_for_moderators()
    {
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(TestimonyPublished));
        var receipt = await campaign.SubmitAsync(CampaignApi.Testimony(consents: ["press", "social-media"],
            story: CampaignApi.Story + " Ask for Amal at the Baobab cafe on 42 Baker Street."));

        var flagged = await DetailAsync(receipt.Id);
        Assert.Contains(flagged.GetProperty("testimony").GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "street-address");
        var refused = await campaign.ApproveAsync(receipt.Id);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("street-address", (await refused.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var redacted = CampaignApi.Story + " Ask for [name] at [place].";
        var edit = await campaign.Moderator("moderator-2").PutAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/edit", new { story = redacted });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Empty((await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flags").EnumerateArray());

        var approved = await campaign.ApproveAsync(receipt.Id);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var seen = await probe.WaitForAsync<TestimonyPublished>(m => m.GetProperty("testimonyId").GetGuid() == receipt.Id);
        Assert.Equal(redacted, seen.Message.GetProperty("story").GetString());
        Assert.Equal(["social-media", "press"], seen.Message.GetProperty("purposes").EnumerateArray().Select(p => p.GetString() ?? string.Empty).ToArray());
        Assert.Equal("Amal", seen.Message.GetProperty("authorDisplay").GetString());
        Assert.DoesNotContain("Baker Street", seen.RawBody, StringComparison.Ordinal);

        var detail = await DetailAsync(receipt.Id);
        Assert.Contains("Baker Street", detail.GetProperty("testimony").GetProperty("story").GetString(), StringComparison.Ordinal);
        Assert.Equal(redacted, detail.GetProperty("testimony").GetProperty("redactedStory").GetString());
        Assert.Equal("published", detail.GetProperty("testimony").GetProperty("state").GetString());
        Assert.Equal(["submitted", "edited", "approved", "published"], AuditActions(detail));
        var editEntry = detail.GetProperty("audit")[1];
        Assert.Equal("moderator-2", editEntry.GetProperty("actor").GetString());
        Assert.Equal("moderator-1", detail.GetProperty("audit")[2].GetProperty("actor").GetString());

        // Not consented to the campaign app: published for press and social media, but not in the app.
        Assert.Equal(HttpStatusCode.NotFound, (await campaign.CreateClient().GetAsync($"/api/campaign/public/testimonies/{receipt.Id}")).StatusCode);
    }

    [Fact]
    public async Task Flags_can_be_acknowledged_explicitly()
    {
        var receipt = await campaign.SubmitAsync(CampaignApi.Testimony(story: CampaignApi.Story + " Mail me: amal@example.org"));
        var approved = await campaign.ApproveAsync(receipt.Id, new { acknowledgeFlags = true });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var audit = (await DetailAsync(receipt.Id)).GetProperty("audit").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "approved");
        Assert.Equal("flags acknowledged: 1", audit.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_is_audited_and_is_final()
    {
        var receipt = await campaign.SubmitAsync();
        var client = campaign.Moderator();
        var noReason = await client.PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/rejection", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.ProblemAsync()).GetProperty("errors").TryGetProperty("reason", out _));

        var rejected = await client.PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/rejection", new { reason = "Not a testimony: advertising." });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await campaign.ApproveAsync(receipt.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/hold", new { })).StatusCode);
        var detail = await DetailAsync(receipt.Id);
        Assert.Equal("rejected", detail.GetProperty("testimony").GetProperty("state").GetString());
        var audit = detail.GetProperty("audit")[1];
        Assert.Equal(("rejected", "Not a testimony: advertising.", "moderator-1"),
            (audit.GetProperty("action").GetString(), audit.GetProperty("detail").GetString(), audit.GetProperty("actor").GetString()));
        Assert.Equal(0, await campaign.StagedAsync<TestimonyPublished>(receipt.Id));
    }

    [Fact]
    public async Task Holding_a_published_testimony_takes_it_down_with_TestimonyUnpublished_and_it_can_be_approved_again()
    {
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(TestimonyUnpublished), typeof(TestimonyPublished));
        var receipt = await campaign.SubmitAndPublishAsync();

        var held = await campaign.Moderator().PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/hold", new { reason = "Check a detail with the author's CSO." });

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        await probe.WaitForAsync<TestimonyUnpublished>(m => m.GetProperty("testimonyId").GetGuid() == receipt.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await campaign.CreateClient().GetAsync($"/api/campaign/public/testimonies/{receipt.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await campaign.ApproveAsync(receipt.Id)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(probe.OfType<TestimonyPublished>().Count(m => m.Message.GetProperty("testimonyId").GetGuid() == receipt.Id) == 2));
        Assert.Equal(["submitted", "approved", "published", "unpublished", "held", "approved", "published"], AuditActions(await DetailAsync(receipt.Id)));
    }

    [Fact]
    public async Task A_testimony_scheduled_for_launch_is_published_by_the_background_publisher_when_its_time_comes()
    {
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(TestimonyPublished));
        var receipt = await campaign.SubmitAsync();
        var publishAt = DateTimeOffset.UtcNow.AddSeconds(2);

        var approved = await campaign.ApproveAsync(receipt.Id, new { publishAt });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("scheduled", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.DoesNotContain(probe.OfType<TestimonyPublished>(), m => m.Message.GetProperty("testimonyId").GetGuid() == receipt.Id);
        var seen = await probe.WaitForAsync<TestimonyPublished>(m => m.GetProperty("testimonyId").GetGuid() == receipt.Id);
        Assert.True(seen.Message.GetProperty("publishedAt").GetDateTimeOffset() >= publishAt.AddMilliseconds(-1));
        var detail = await DetailAsync(receipt.Id);
        Assert.Equal("published", detail.GetProperty("testimony").GetProperty("state").GetString());
        Assert.Equal("system:scheduler", detail.GetProperty("audit").EnumerateArray().Last().GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Reports_from_enough_distinct_reporters_take_a_published_testimony_down_and_put_it_back_in_the_queue()
    {
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(TestimonyUnpublished));
        var receipt = await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(language: "pt"));
        using var app = campaign.CreateClient();
        Task<HttpResponseMessage> Report(string reporter, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaign/public/testimonies/{receipt.Id}/reports") { Content = JsonContent.Create(body) };
            request.Headers.Add("X-Forwarded-For", reporter);
            return app.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await Report("203.0.113.1", new { reason = "boring" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Report("203.0.113.1", new { reason = "personal-information", note = "It names a cafe." })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Report("203.0.113.2", new { reason = "personal-information" })).StatusCode);
        Assert.Equal("published", (await DetailAsync(receipt.Id)).GetProperty("testimony").GetProperty("state").GetString());
        var reported = await Report("203.0.113.3", new { reason = "offensive" });

        Assert.Equal(HttpStatusCode.Accepted, reported.StatusCode);
        var seen = await probe.WaitForAsync<TestimonyUnpublished>(m => m.GetProperty("testimonyId").GetGuid() == receipt.Id);
        Assert.Equal("reported: offensive", seen.Message.GetProperty("reason").GetString());
        var queue = await campaign.Moderator().GetFromJsonAsync<JsonElement>("/api/campaign/moderation/queue?language=pt&limit=50");
        var item = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == receipt.Id);
        Assert.Equal(3, item.GetProperty("reportCount").GetInt32());
        Assert.Equal("pending", item.GetProperty("state").GetString());
        var detail = await DetailAsync(receipt.Id);
        Assert.Equal("It names a cafe.", detail.GetProperty("reports")[0].GetProperty("note").GetString());
        Assert.Equal("public", detail.GetProperty("audit").EnumerateArray().Last().GetProperty("actor").GetString());
        // No longer public: a further report finds nothing to report.
        Assert.Equal(HttpStatusCode.NotFound, (await Report("203.0.113.4", new { reason = "spam" })).StatusCode);
    }

    [Fact]
    public async Task Two_moderators_acting_at_once_publish_a_testimony_once()
    {
        var receipt = await campaign.SubmitAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
            (await campaign.Moderator($"moderator-{i}").PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/approval", new { })).StatusCode));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(1, await campaign.StagedAsync<TestimonyPublished>(receipt.Id));
        Assert.Single(AuditActions(await DetailAsync(receipt.Id)), a => a == "published");
    }

    [Fact]
    public async Task Unknown_testimonies_are_404_and_only_moderators_may_moderate()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await campaign.ApproveAsync(Guid.NewGuid())).StatusCode);
        var receipt = await campaign.SubmitAsync();
        var asEditor = await campaign.ClientFor(Iom.ServiceDefaults.Security.SuiteRoles.MediaEditor)
            .PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/approval", new { });
        Assert.Equal(HttpStatusCode.Forbidden, asEditor.StatusCode);
        Assert.Equal(TestimonyState.Pending, await campaign.QueryAsync(db => db.Testimonies.Where(t => t.Id == receipt.Id).Select(t => t.State).SingleAsync()));
    }
}
