using System.Net;
using Iom.Gateway.Tests.Support;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Gateway.Tests.Routing;

/// <summary>
/// A replica that dies under a request (the stub drops the connection of the first request per id): a GET is sent again
/// and answered; a POST is not (it may have been applied), so its caller gets the gateway's 502.
/// </summary>
public sealed class SafeRetryTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_GET_whose_upstream_connection_drops_is_sent_again_and_answered()
    {
        var id = Guid.NewGuid().ToString("N");
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.Admin));

        using var response = await client.GetAsync($"/api/registry/organizations/dies-once?id={id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, StubService.Hits[id]);
    }

    [Fact]
    public async Task A_POST_whose_upstream_connection_drops_is_not_sent_again()
    {
        var id = Guid.NewGuid().ToString("N");
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.Admin));

        using var response = await client.PostAsync($"/api/registry/organizations/dies-once?id={id}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, StubService.Hits[id]);
    }
}
