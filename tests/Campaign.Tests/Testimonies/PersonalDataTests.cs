using System.Net;
using System.Net.Http.Json;
using Iom.Contracts.Campaign;
using Iom.TestSupport;
using Xunit;

namespace Iom.Campaign.Tests.Testimonies;

public sealed class PersonalDataTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    [Fact]
    public async Task Personal_content_never_reaches_the_logs_nor_any_event_but_TestimonyPublished()
    {
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq,
            typeof(TestimonySubmitted), typeof(TestimonyPublished), typeof(TestimonyUnpublished), typeof(ConsentWithdrawn));
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var marker = $"Zephyrine{Guid.NewGuid():N}"[..20];
        var body = CampaignApi.Testimony(
            title: $"Title {marker}",
            story: $"{CampaignApi.Story} My neighbour {marker} helped me; write to {marker}@example.org.",
            firstName: "Oksana");
        var key = Guid.NewGuid().ToString();
        using var client = campaign.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var created = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var receipt = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = receipt.GetProperty("testimonyId").GetGuid();
        var secret = receipt.GetProperty("receiptSecret").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await campaign.ApproveAsync(id, new { acknowledgeFlags = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/campaign/public/testimonies/{id}/reports", new { reason = "personal-information", note = marker })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/campaign/receipts/{id}/withdrawal", new { secret, all = true })).StatusCode);
        var org = await campaign.RegisterPartnerAsync(bus);
        var action = await campaign.PostActionAsync(org);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/campaign/public/actions/{action}/signups", new { name = marker, contact = $"{marker}@example.org" })).StatusCode);

        await probe.WaitForAsync<ConsentWithdrawn>(m => m.GetProperty("testimonyId").GetGuid() == id);
        Assert.Contains(marker, probe.OfType<TestimonyPublished>().Single(m => m.Message.GetProperty("testimonyId").GetGuid() == id).RawBody, StringComparison.Ordinal);
        foreach (var message in probe.Messages.Where(m => m.MessageType != nameof(TestimonyPublished)))
        {
            Assert.DoesNotContain(marker, message.RawBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Oksana", message.RawBody, StringComparison.Ordinal);
        }

        Assert.NotEmpty(campaign.Logs.Lines);
        Assert.Contains(campaign.Logs.Lines, l => l.Contains(id.ToString(), StringComparison.Ordinal));
        foreach (var secretThing in new[] { marker, "Oksana", secret, key })
        {
            Assert.DoesNotContain(campaign.Logs.Lines, l => l.Contains(secretThing, StringComparison.Ordinal));
        }
    }
}
