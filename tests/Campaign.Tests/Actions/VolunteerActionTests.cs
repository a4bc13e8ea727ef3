using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Campaign.Domain;
using Iom.Contracts.Campaign;
using Iom.Contracts.Registry;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests.Actions;

public sealed class VolunteerActionTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    private Task<HttpResponseMessage> SignUpAsync(Guid actionId, string name = "Joy", string contact = "joy@example.org") =>
        campaign.CreateClient().PostAsJsonAsync($"/api/campaign/public/actions/{actionId}/signups", new { name, contact });

    private async Task<List<Guid>> PublicActionIdsAsync(string query = "country=KE&limit=50")
    {
        var page = await campaign.CreateClient().GetFromJsonAsync<JsonElement>($"/api/campaign/public/actions?{query}");
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    [Fact]
    public async Task A_focal_point_of_an_active_partner_posts_an_action_it_is_listed_and_VolunteerActionPublished_goes_out()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(VolunteerActionPublished));
        var org = await campaign.RegisterPartnerAsync(bus, "Kituo Cha Sheria");
        var before = await PublicActionIdsAsync(); // cached now: posting must evict it

        var id = await campaign.PostActionAsync(org, CampaignApi.Action(volunteers: 12));

        var seen = await probe.WaitForAsync<VolunteerActionPublished>(m => m.GetProperty("actionId").GetGuid() == id);
        Assert.Equal(org, seen.Message.GetProperty("organizationId").GetGuid());
        Assert.Equal(12, seen.Message.GetProperty("volunteersNeeded").GetInt32());
        Assert.DoesNotContain(id, before);
        Assert.Contains(id, await PublicActionIdsAsync());
        var shown = await campaign.CreateClient().GetFromJsonAsync<JsonElement>($"/api/campaign/public/actions/{id}");
        Assert.Equal("Kituo Cha Sheria", shown.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal(12, shown.GetProperty("spotsLeft").GetInt32());
    }

    [Fact]
    public async Task A_non_partner_cannot_post_and_bad_actions_are_400s_naming_the_field()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var stranger = Guid.NewGuid();
        var refused = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, stranger).PostAsJsonAsync($"/api/campaign/organizations/{stranger}/actions", CampaignApi.Action());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await refused.ProblemAsync();

        var org = await campaign.RegisterPartnerAsync(bus);
        var client = campaign.ClientFor(SuiteRoles.CsoFocalPoint, org);
        foreach (var (change, field) in new (Action<Dictionary<string, object?>>, string)[]
        {
            (b => b["startsAt"] = DateTimeOffset.UtcNow.AddDays(-1), "startsAt"),
            (b => b["volunteersNeeded"] = 0, "volunteersNeeded"),
            (b => b["country"] = null, "country"),
            (b => b["title"] = "", "title"),
            (b => b["themes"] = new[] { "cooking" }, "themes"),
        })
        {
            var body = CampaignApi.Action();
            change(body);
            var response = await client.PostAsJsonAsync($"/api/campaign/organizations/{org}/actions", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.False(await campaign.QueryAsync(db => db.VolunteerActions.AnyAsync(a => a.OrganizationId == org || a.OrganizationId == stranger)));
    }

    [Fact]
    public async Task A_suspended_partners_actions_disappear_from_the_public_listing_after_the_Registry_event_and_come_back_when_reinstated()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var org = await campaign.RegisterPartnerAsync(bus, "Suspended Soon");
        var id = await campaign.PostActionAsync(org);
        Assert.Contains(id, await PublicActionIdsAsync());

        await bus.PublishAsync(new PartnerSuspended(org, "ngo", "Under review", DateTimeOffset.UtcNow));

        await Eventually.TrueAsync(async () => !(await PublicActionIdsAsync()).Contains(id), what: "the action hidden");
        Assert.Equal(HttpStatusCode.NotFound, (await campaign.CreateClient().GetAsync($"/api/campaign/public/actions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SignUpAsync(id)).StatusCode);
        Assert.False(await campaign.QueryAsync(db => db.VolunteerActions.Where(a => a.Id == id).Select(a => a.Cancelled).SingleAsync()));

        await bus.PublishAsync(new PartnerReinstated(org, "ngo", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await PublicActionIdsAsync()).Contains(id), what: "the action shown again");
    }

    [Fact]
    public async Task Concurrent_sign_ups_never_exceed_the_capacity()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var org = await campaign.RegisterPartnerAsync(bus);
        var id = await campaign.PostActionAsync(org, CampaignApi.Action(volunteers: 5));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i => (await SignUpAsync(id, $"Volunteer {i}", $"+2547000000{i:00}")).StatusCode));

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(5, await campaign.QueryAsync(db => db.Signups.CountAsync(s => s.ActionId == id)));
        Assert.Equal(5, await campaign.QueryAsync(db => db.VolunteerActions.Where(a => a.Id == id).Select(a => a.SignupCount).SingleAsync()));
        var full = await SignUpAsync(id);
        Assert.Equal("The action is full.", (await full.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Signing_up_for_a_past_or_cancelled_action_is_a_409_and_bad_sign_ups_are_400s()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(VolunteerActionCancelled));
        var org = await campaign.RegisterPartnerAsync(bus);
        var past = await campaign.PostActionAsync(org);
        await campaign.QueryAsync(db => db.VolunteerActions.Where(a => a.Id == past).ExecuteUpdateAsync(s => s.SetProperty(a => a.StartsAt, DateTimeOffset.UtcNow.AddHours(-1))));
        var pastResponse = await SignUpAsync(past);
        Assert.Equal(HttpStatusCode.Conflict, pastResponse.StatusCode);
        Assert.Equal("The action has already started.", (await pastResponse.ProblemAsync()).GetProperty("title").GetString());

        var cancelled = await campaign.PostActionAsync(org);
        var cancel = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/campaign/actions/{cancelled}/cancellation", new { reason = "Venue unavailable" });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await probe.WaitForAsync<VolunteerActionCancelled>(m => m.GetProperty("actionId").GetGuid() == cancelled);
        Assert.Equal(HttpStatusCode.Conflict, (await SignUpAsync(cancelled)).StatusCode);
        Assert.DoesNotContain(cancelled, await PublicActionIdsAsync());

        var open = await campaign.PostActionAsync(org);
        var noContact = await campaign.CreateClient().PostAsJsonAsync($"/api/campaign/public/actions/{open}/signups", new { name = "Joy" });
        Assert.Equal(HttpStatusCode.BadRequest, noContact.StatusCode);
        Assert.True((await noContact.ProblemAsync()).GetProperty("errors").TryGetProperty("contact", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await SignUpAsync(Guid.NewGuid())).StatusCode);
        Assert.Equal(0, await campaign.QueryAsync(db => db.Signups.CountAsync(s => s.ActionId == past || s.ActionId == cancelled || s.ActionId == open)));
    }

    [Fact]
    public async Task Only_the_organising_CSO_the_campaign_team_and_admins_see_the_sign_ups()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var org = await campaign.RegisterPartnerAsync(bus);
        var id = await campaign.PostActionAsync(org);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(id, "Wanjiru", "wanjiru@example.org")).StatusCode);

        var own = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, org).GetFromJsonAsync<JsonElement>($"/api/campaign/actions/{id}/signups");
        Assert.Equal("wanjiru@example.org", Assert.Single(own.EnumerateArray()).GetProperty("contact").GetString());
        Assert.Equal(HttpStatusCode.OK, (await campaign.ClientFor(SuiteRoles.CampaignModerator).GetAsync($"/api/campaign/actions/{id}/signups")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await campaign.ClientFor(SuiteRoles.CsoFocalPoint, Guid.NewGuid()).GetAsync($"/api/campaign/actions/{id}/signups")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await campaign.ClientFor(SuiteRoles.Admin).GetAsync($"/api/campaign/actions/{id}/signups")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await campaign.ClientFor(SuiteRoles.Journalist).GetAsync($"/api/campaign/actions/{id}/signups")).StatusCode);
        foreach (var team in new[] { SuiteRoles.RegistryEditor, SuiteRoles.ConsultationOrganizer, SuiteRoles.MediaEditor })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await campaign.ClientFor(team).GetAsync($"/api/campaign/actions/{id}/signups")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await campaign.CreateClient().GetAsync($"/api/campaign/actions/{id}/signups")).StatusCode);
        var listed = await campaign.CreateClient().GetStringAsync($"/api/campaign/public/actions/{id}");
        Assert.DoesNotContain("wanjiru", listed, StringComparison.OrdinalIgnoreCase);
    }
}
