using System.Net.Http.Json;
using System.Text.Json;
using Iom.Campaign.Domain;
using Iom.Contracts.Campaign;
using Iom.Contracts.Registry;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests.Demo;

public sealed class DemoDataTests(DemoCampaignFactory campaign) : IClassFixture<DemoCampaignFactory>
{
    [Fact]
    public async Task Demo_data_has_testimonies_in_several_languages_in_every_state_and_actions_once_a_partner_is_known()
    {
        var states = await Eventually.GetAsync(async () =>
        {
            var byState = await campaign.QueryAsync(db => db.Testimonies.GroupBy(t => t.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
            // Every state a moderator or an author can reach; "expired" only comes from retention, after 180 days.
            var reachable = Enum.GetValues<TestimonyState>().Where(s => s != TestimonyState.Expired).ToList();
            return byState.Sum(s => s.Count) >= 30 && reachable.All(r => byState.Any(s => s.Key == r)) ? byState : null;
        }, TimeSpan.FromSeconds(60), "the demo testimonies");
        Assert.All(states, s => Assert.True(s.Count >= 2, $"{s.Key}: {s.Count}"));
        Assert.True(await campaign.QueryAsync(db => db.Testimonies.Select(t => t.Language).Distinct().CountAsync()) >= 8);
        Assert.True(await campaign.QueryAsync(db => db.Testimonies.Where(t => t.State == TestimonyState.Withdrawn).AllAsync(t => t.Story == null && t.Title == null)));
        Assert.True(await campaign.StagedAsync<TestimonyPublished>(await campaign.QueryAsync(db => db.Testimonies.Where(t => t.State == TestimonyState.Published).Select(t => t.Id).FirstAsync())) == 1);
        var listing = await campaign.CreateClient().GetFromJsonAsync<JsonElement>("/api/campaign/public/testimonies?limit=50");
        Assert.True(listing.GetProperty("items").GetArrayLength() >= 5);

        // Partners arrive from Registry events; this host's broker is its own, so the one published here is the only one.
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var partner = await campaign.RegisterPartnerAsync(bus, "AAA Demo Partner");

        await Eventually.TrueAsync(() => campaign.QueryAsync(db => db.VolunteerActions.AnyAsync(a => a.SignupCount == a.VolunteersNeeded && a.SignupCount > 0)), TimeSpan.FromSeconds(30), "a full demo action");
        Assert.Equal(partner, Assert.Single(await campaign.QueryAsync(db => db.Partners.Select(p => p.Id).ToListAsync())));
        var actions = await campaign.QueryAsync(db => db.VolunteerActions.Select(a => a.OrganizationId).ToListAsync());
        Assert.Equal(3, actions.Count); // three for each partner known
        Assert.All(actions, organization => Assert.Equal(partner, organization));
    }
}
