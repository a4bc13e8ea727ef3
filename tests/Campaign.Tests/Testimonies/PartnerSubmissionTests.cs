using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Campaign;
using Iom.Contracts.Registry;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests.Testimonies;

public sealed class PartnerSubmissionTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    private static Dictionary<string, object?> OnBehalf(bool? consentRecorded = true)
    {
        var body = CampaignApi.Testimony();
        body["consentRecorded"] = consentRecorded;
        body["consentReference"] = "FORM-2017-118";
        return body;
    }

    [Fact]
    public async Task A_focal_point_of_an_active_partner_submits_with_recorded_consent_and_the_organisation_is_the_source()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(TestimonySubmitted), typeof(TestimonyPublished));
        var org = await campaign.RegisterPartnerAsync(bus, "Migrant Voices UK");

        var response = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/campaign/organizations/{org}/testimonies", OnBehalf());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("testimonyId").GetGuid();
        var stored = await campaign.QueryAsync(db => db.Testimonies.SingleAsync(t => t.Id == id));
        Assert.Equal(org, stored.SourceOrganizationId);
        Assert.Equal("FORM-2017-118", stored.ConsentReference);
        var submitted = await probe.WaitForAsync<TestimonySubmitted>(m => m.GetProperty("testimonyId").GetGuid() == id);
        Assert.Equal(org, submitted.Message.GetProperty("sourceOrganizationId").GetGuid());

        Assert.Equal(HttpStatusCode.OK, (await campaign.ApproveAsync(id)).StatusCode);
        var published = await probe.WaitForAsync<TestimonyPublished>(m => m.GetProperty("testimonyId").GetGuid() == id);
        Assert.Equal(org, published.Message.GetProperty("sourceOrganizationId").GetGuid());
        var shown = await campaign.CreateClient().GetFromJsonAsync<JsonElement>($"/api/campaign/public/testimonies/{id}");
        Assert.Equal("Migrant Voices UK", shown.GetProperty("source").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Without_recorded_consent_it_is_a_400_and_nothing_is_stored()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var org = await campaign.RegisterPartnerAsync(bus);
        var body = OnBehalf(consentRecorded: null);

        var response = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/campaign/organizations/{org}/testimonies", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("consentRecorded", out _));
        Assert.False(await campaign.QueryAsync(db => db.Testimonies.AnyAsync(t => t.Title == (string)body["title"]!)));
    }

    [Fact]
    public async Task A_non_partner_or_a_suspended_partner_is_refused_and_another_organisation_is_404()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var stranger = Guid.NewGuid();
        var notPartner = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, stranger).PostAsJsonAsync($"/api/campaign/organizations/{stranger}/testimonies", OnBehalf());
        Assert.Equal(HttpStatusCode.Forbidden, notPartner.StatusCode);
        Assert.Equal("The organisation is not an active partner.", (await notPartner.ProblemAsync()).GetProperty("title").GetString());

        var org = await campaign.RegisterPartnerAsync(bus);
        await bus.PublishAsync(new PartnerSuspended(org, "ngo", "Audit pending", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(() => campaign.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == org && p.Status == Iom.Campaign.Domain.PartnerStatus.Suspended)));
        var suspended = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/campaign/organizations/{org}/testimonies", OnBehalf());
        Assert.Equal(HttpStatusCode.Forbidden, suspended.StatusCode);

        var other = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, Guid.NewGuid()).PostAsJsonAsync($"/api/campaign/organizations/{org}/testimonies", OnBehalf());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"title":null,"story":null,"language":null,"consentRecorded":null}""")]
    public async Task A_bad_submission_on_behalf_with_an_Idempotency_Key_is_a_400_naming_the_field(string body)
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var org = await campaign.RegisterPartnerAsync(bus);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaign/organizations/{org}/testimonies")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, org).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("story", out _) && errors.TryGetProperty("language", out _) && errors.TryGetProperty("consentRecorded", out _), errors.ToString());
        Assert.Equal(0, await campaign.QueryAsync(db => db.IdempotencyRecords.CountAsync()));
    }
}
