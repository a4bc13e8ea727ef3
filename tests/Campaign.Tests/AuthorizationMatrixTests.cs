using Iom.TestSupport;
using Xunit;

namespace Iom.Campaign.Tests;

public sealed class AuthorizationMatrixTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    [Fact]
    public Task Every_campaign_route_names_a_policy_and_answers_every_role_as_its_policy_says() =>
        AuthorizationMatrix.AssertAsync(campaign.Services, campaign.CreateClient);
}
