using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Campaign.Tests;

public sealed class AuthorizationMatrixTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    [Fact]
    public Task Every_campaign_route_names_a_policy_and_answers_every_role_as_its_policy_says() =>
        AuthorizationMatrix.AssertAsync(campaign.Services, campaign.CreateClient);

    [Fact]
    public Task Volunteer_sign_up_contacts_are_read_only_by_the_campaign_team_admins_and_focal_points() =>
        AuthorizationMatrix.AssertOnlyRolesAsync(campaign.Services, "GET", "/api/campaign/actions/{id:guid}/signups",
            SuiteRoles.Admin, SuiteRoles.CampaignModerator, SuiteRoles.CsoFocalPoint);
}
