using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests.Public;

public sealed class CancelSignupTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    [Fact]
    public async Task A_volunteer_cancels_with_the_signup_id_the_place_is_free_again_and_the_name_and_contact_are_gone()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var org = await campaign.RegisterPartnerAsync(bus, "Cancel Partner");
        var actionId = await campaign.PostActionAsync(org, CampaignApi.Action(volunteers: 3));
        var client = campaign.CreateClient();
        var signedUp = await client.PostAsJsonAsync($"/api/campaign/public/actions/{actionId}/signups", new { name = "Amina", contact = "amina@example.org" });
        Assert.Equal(HttpStatusCode.Created, signedUp.StatusCode);
        var signupId = (await signedUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signupId").GetGuid();
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/campaign/public/actions/{actionId}");
        Assert.Equal(2, before.GetProperty("spotsLeft").GetInt32());

        var cancelled = await client.PostAsync($"/api/campaign/public/signups/{signupId}/cancellation", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var body = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(actionId, body.GetProperty("actionId").GetGuid());
        Assert.False(await campaign.QueryAsync(db => db.Signups.AnyAsync(s => s.Id == signupId)));
        Assert.Equal(0, await campaign.QueryAsync(db => db.VolunteerActions.Where(a => a.Id == actionId).Select(a => a.SignupCount).SingleAsync()));
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/campaign/public/actions/{actionId}");
        Assert.Equal(3, after.GetProperty("spotsLeft").GetInt32());

        var again = await client.PostAsync($"/api/campaign/public/signups/{signupId}/cancellation", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(0, await campaign.QueryAsync(db => db.VolunteerActions.Where(a => a.Id == actionId).Select(a => a.SignupCount).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_signup_id_is_a_404_and_changes_nothing()
    {
        var response = await campaign.CreateClient().PostAsync($"/api/campaign/public/signups/{Guid.NewGuid()}/cancellation", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
