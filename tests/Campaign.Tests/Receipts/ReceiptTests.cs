using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Campaign.Domain;
using Iom.Contracts.Campaign;
using Iom.Messaging.Outbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests.Receipts;

public sealed class ReceiptTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    private Task<HttpResponseMessage> ViewAsync(Guid id, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaign/receipts/{id}");
        if (secret is not null)
        {
            request.Headers.Add("X-Receipt-Secret", secret);
        }

        return campaign.CreateClient().SendAsync(request);
    }

    private Task<HttpResponseMessage> WithdrawAsync(Guid id, object body) =>
        campaign.CreateClient().PostAsJsonAsync($"/api/campaign/receipts/{id}/withdrawal", body);

    [Fact]
    public async Task The_author_sees_the_status_with_the_receipt()
    {
        var receipt = await campaign.SubmitAsync(CampaignApi.Testimony(consents: ["press"]));

        var response = await ViewAsync(receipt.Id, receipt.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", status.GetProperty("state").GetString());
        Assert.Equal("press", status.GetProperty("consents")[0].GetString());
    }

    [Fact]
    public async Task A_wrong_secret_and_an_unknown_id_get_the_same_404()
    {
        var receipt = await campaign.SubmitAsync();

        var wrongSecret = await ViewAsync(receipt.Id, receipt.Secret[..^2] + "xx");
        var unknownId = await ViewAsync(Guid.NewGuid(), receipt.Secret);
        var noSecret = await ViewAsync(receipt.Id, null);
        var withdrawWrong = await WithdrawAsync(receipt.Id, new { secret = "guess", all = true });

        foreach (var response in new[] { wrongSecret, unknownId, noSecret, withdrawWrong })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = await response.ProblemAsync();
            Assert.Equal("No testimony matches this receipt.", problem.GetProperty("title").GetString());
        }

        Assert.Equal(TestimonyState.Pending, await campaign.QueryAsync(db => db.Testimonies.Where(t => t.Id == receipt.Id).Select(t => t.State).SingleAsync()));
    }

    [Fact]
    public async Task Withdrawing_completely_takes_a_published_testimony_down_erases_its_content_and_publishes_ConsentWithdrawn()
    {
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(ConsentWithdrawn));
        var body = CampaignApi.Testimony(consents: ["campaign-app", "press"]);
        var receipt = await campaign.SubmitAndPublishAsync(body);
        using var app = campaign.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/campaign/public/testimonies/{receipt.Id}")).StatusCode);
        var listing = await app.GetStringAsync("/api/campaign/public/testimonies?limit=50");
        Assert.Contains(receipt.Id.ToString(), listing, StringComparison.Ordinal);
        Assert.Equal(1, await campaign.StagedAsync<TestimonyPublished>(receipt.Id));

        var response = await WithdrawAsync(receipt.Id, new { secret = receipt.Secret, all = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirmation = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(confirmation.GetProperty("complete").GetBoolean());
        Assert.Equal("withdrawn", confirmation.GetProperty("state").GetString());

        var stored = await campaign.QueryAsync(db => db.Testimonies.AsNoTracking().SingleAsync(t => t.Id == receipt.Id));
        Assert.Equal(TestimonyState.Withdrawn, stored.State);
        Assert.Null(stored.Title);
        Assert.Null(stored.Story);
        Assert.Null(stored.FirstName);
        Assert.Null(stored.CountryOfOrigin);
        Assert.Null(stored.CountryOfResidence);
        Assert.Empty(stored.Consents);
        Assert.NotNull(stored.WithdrawnAt);
        Assert.NotEqual(default, stored.SubmittedAt);
        // Nothing of it is left in any table: testimonies, audit, reports, nor the outbox row of the published event.
        var title = "%" + (string)body["title"]! + "%";
        var leftovers = await campaign.QueryAsync(db => db.Database.SqlQuery<int>($"""
            SELECT ((SELECT count(*) FROM testimonies t WHERE t::text LIKE {title})
                  + (SELECT count(*) FROM moderation_audit a WHERE a::text LIKE {title})
                  + (SELECT count(*) FROM testimony_reports r WHERE r::text LIKE {title})
                  + (SELECT count(*) FROM outbox_messages o WHERE o.body::text LIKE {title}))::int AS "Value"
            """).SingleAsync());
        Assert.Equal(0, leftovers);
        Assert.Equal(0, await campaign.StagedAsync<TestimonyPublished>(receipt.Id));

        var seen = await probe.WaitForAsync<ConsentWithdrawn>(m => m.GetProperty("testimonyId").GetGuid() == receipt.Id);
        Assert.True(seen.Message.GetProperty("complete").GetBoolean());
        Assert.Equal(["campaign-app", "press"], seen.Message.GetProperty("purposes").EnumerateArray().Select(p => p.GetString() ?? string.Empty).Order().ToArray());
        Assert.DoesNotContain("soup", seen.RawBody, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync($"/api/campaign/public/testimonies/{receipt.Id}")).StatusCode);
        Assert.DoesNotContain(receipt.Id.ToString(), await app.GetStringAsync("/api/campaign/public/testimonies?limit=50"), StringComparison.Ordinal);

        // The receipt still answers, with the tombstone; withdrawing again changes nothing and stages nothing.
        var status = await (await ViewAsync(receipt.Id, receipt.Secret)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("withdrawn", status.GetProperty("state").GetString());
        var outbox = await campaign.QueryAsync(db => db.Set<OutboxMessage>().CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await WithdrawAsync(receipt.Id, new { secret = receipt.Secret, all = true })).StatusCode);
        Assert.Equal(outbox, await campaign.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task Withdrawing_press_only_keeps_the_testimony_in_the_app_and_says_so_in_ConsentWithdrawn()
    {
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(ConsentWithdrawn));
        var receipt = await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(consents: ["campaign-app", "press"]));

        var response = await WithdrawAsync(receipt.Id, new { secret = receipt.Secret, purposes = new[] { "press" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await campaign.QueryAsync(db => db.Testimonies.AsNoTracking().SingleAsync(t => t.Id == receipt.Id));
        Assert.Equal(TestimonyState.Published, stored.State);
        Assert.Equal(["campaign-app"], stored.Consents);
        Assert.NotNull(stored.Story);
        var seen = await probe.WaitForAsync<ConsentWithdrawn>(m => m.GetProperty("testimonyId").GetGuid() == receipt.Id);
        Assert.False(seen.Message.GetProperty("complete").GetBoolean());
        Assert.Equal("press", Assert.Single(seen.Message.GetProperty("purposes").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.OK, (await campaign.CreateClient().GetAsync($"/api/campaign/public/testimonies/{receipt.Id}")).StatusCode);

        // Withdrawing the last remaining purpose is a complete withdrawal.
        var last = await (await WithdrawAsync(receipt.Id, new { secret = receipt.Secret, purposes = new[] { "campaign-app" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(last.GetProperty("complete").GetBoolean());
        Assert.Null(await campaign.QueryAsync(db => db.Testimonies.Where(t => t.Id == receipt.Id).Select(t => t.Story).SingleAsync()));
    }

    [Theory]
    [InlineData("""{"all":true}""", "secret")]
    [InlineData("""{"secret":"s"}""", "purposes")]
    [InlineData("""{"secret":"s","purposes":["advertising"]}""", "purposes")]
    [InlineData("""{"secret":"s","all":true,"purposes":["press"]}""", "purposes")]
    public async Task A_bad_withdrawal_is_a_400_naming_the_field(string body, string field)
    {
        var receipt = await campaign.SubmitAsync();
        var response = await campaign.CreateClient().PostAsync($"/api/campaign/receipts/{receipt.Id}/withdrawal",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
