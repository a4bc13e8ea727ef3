using System.Net;
using Iom.Gateway.Tests.Support;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Gateway.Tests.FrontDoor;

/// <summary>Outside Development a plain-HTTP request is sent to HTTPS; one that arrived over HTTPS at the proxy is served.</summary>
public sealed class HttpsRedirectionTests(HttpsRedirectionTests.WithHttpsPort gateway) : IClassFixture<HttpsRedirectionTests.WithHttpsPort>
{
    public sealed class WithHttpsPort : GatewayFactory
    {
        public WithHttpsPort() => With("https_port", "443");
    }

    [Fact]
    public async Task A_plain_http_request_is_redirected_to_https()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/registry/organizations");
        request.Headers.Host = "api.example.org";
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://api.example.org/api/registry/organizations", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_request_that_reached_the_proxy_over_https_is_served()
    {
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.Admin));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/registry/organizations");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
