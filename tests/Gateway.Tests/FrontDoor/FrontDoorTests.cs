using System.Net;
using System.Text.RegularExpressions;
using Iom.Gateway.Tests.Support;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Gateway.Tests.FrontDoor;

/// <summary>Cross-cutting answers on every response: security headers, no server banner, correlation and trace ids, CORS, HSTS.</summary>
public sealed partial class FrontDoorTests(FrontDoorTests.WithAppOrigin gateway) : IClassFixture<FrontDoorTests.WithAppOrigin>
{
    private const string AppOrigin = "https://app.example.org";

    public sealed class WithAppOrigin : GatewayFactory
    {
        public WithAppOrigin()
        {
            With("Gateway:Cors:Origins:0", AppOrigin);
        }
    }

    public static TheoryData<string, string?> Responses => new()
    {
        { "/api/registry/organizations", SuiteRoles.RegistryEditor }, // proxied, the stub sends Server and X-Powered-By
        { "/api/registry/organizations", null },                      // the gateway's own 401
        { "/feeds/stories.rss", null },                               // proxied anonymously
        { "/health", null },                                          // the gateway's own endpoint
        { "/nowhere", SuiteRoles.Admin },                             // the gateway's own 404
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_security_headers_and_no_server_banner(string path, string? role)
    {
        using var client = gateway.ClientWith(role is null ? null : TestTokens.For(role));
        using var response = await client.GetAsync(path);

        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(',', response.Headers.Server)}");
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxied_response_really_came_from_a_service_that_sends_a_banner()
    {
        // The stub does send "Server: Kestrel": the previous test is about removing it, not about its absence.
        using var direct = new HttpClient { BaseAddress = new Uri(gateway.StubAddress) };
        using var response = await direct.GetAsync("/api/registry/organizations");
        Assert.True(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task A_correlation_id_is_generated_echoed_and_forwarded_with_a_traceparent()
    {
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.Admin));
        using var response = await client.GetAsync("/api/consultations/consultations");

        var id = Header(response, "X-Correlation-Id");
        Assert.Matches("^[0-9a-f]{32}$", id);
        var traceParent = Header(response, "traceparent");
        Assert.Matches(TraceParent(), traceParent);
        Assert.Equal(id, traceParent.Split('-')[1]); // generated from the trace id
        var echo = await StubService.EchoAsync(response);
        Assert.Equal(id, echo.Headers["X-Correlation-Id"]);
        Assert.Equal(traceParent.Split('-')[1], echo.Headers["traceparent"].Split('-')[1]); // the service joins the same trace
    }

    [Fact]
    public async Task A_callers_correlation_id_is_kept_and_a_malformed_one_replaced()
    {
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.Admin));
        using var kept = new HttpRequestMessage(HttpMethod.Get, "/api/media/stories");
        kept.Headers.Add("X-Correlation-Id", "app-1234.abc");
        using var keptResponse = await client.SendAsync(kept);
        Assert.Equal("app-1234.abc", Header(keptResponse, "X-Correlation-Id"));
        Assert.Equal("app-1234.abc", (await StubService.EchoAsync(keptResponse)).Headers["X-Correlation-Id"]);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/media/stories");
        forged.Headers.TryAddWithoutValidation("X-Correlation-Id", "evil value with spaces <script>");
        using var forgedResponse = await client.SendAsync(forged);
        Assert.Matches("^[0-9a-f]{32}$", Header(forgedResponse, "X-Correlation-Id"));
    }

    [Fact]
    public async Task The_gateways_own_answers_also_carry_the_correlation_id()
    {
        using var client = gateway.Anonymous();
        using var response = await client.GetAsync("/api/registry/organizations");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", Header(response, "X-Correlation-Id"));
        Assert.Matches(TraceParent(), Header(response, "traceparent"));
    }

    [Fact]
    public async Task A_preflight_from_the_apps_origin_is_allowed_and_from_another_origin_not()
    {
        using var client = gateway.Anonymous();
        using var allowed = await PreflightAsync(client, AppOrigin);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(AppOrigin, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("authorization", Header(allowed, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);

        using var refused = await PreflightAsync(client, "https://evil.example.com");
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cross_origin_responses_expose_the_headers_the_app_needs()
    {
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.Admin));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/campaign/testimonies");
        request.Headers.Add("Origin", AppOrigin);
        using var response = await client.SendAsync(request);
        Assert.Equal(AppOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("X-Correlation-Id", Header(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_client_address_and_https_are_taken_from_forwarded_headers()
    {
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.Admin));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/registry/organizations");
        request.Headers.Host = "api.example.org";
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
        var echo = await StubService.EchoAsync(response);
        Assert.Equal("203.0.113.7", echo.Headers["X-Forwarded-For"]);
        Assert.Equal("https", echo.Headers["X-Forwarded-Proto"]);
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/registry/organizations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")]
    private static partial Regex TraceParent();
}
