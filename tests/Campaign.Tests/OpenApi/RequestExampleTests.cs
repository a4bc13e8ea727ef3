using Iom.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Iom.Campaign.Tests.OpenApi;

/// <summary>Issue 13 §2: every request body in the API document has an example, and the route accepts it (see <see cref="RequestExampleChecks"/>).</summary>
public sealed class RequestExampleTests(CampaignFactory campaign, ITestOutputHelper output) : IClassFixture<CampaignFactory>
{
    [Fact]
    public async Task Every_documented_request_example_is_accepted_by_its_route()
    {
        // Routes under /organizations/{organizationId} are for partners Campaign knows (from the Registry's events).
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var partner = await campaign.RegisterPartnerAsync(bus, "Migrant Voices Network");
        var outcomes = await RequestExampleChecks.RunAsync(campaign.Services, campaign.CreateClient, partner);

        foreach (var outcome in outcomes)
        {
            output.WriteLine(outcome.ToString());
        }

        RequestExampleChecks.AssertAllAccepted(outcomes);
    }
}
