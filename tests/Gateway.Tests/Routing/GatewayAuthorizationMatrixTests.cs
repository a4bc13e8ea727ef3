using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Iom.Gateway.Tests.Support;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Yarp.ReverseProxy.Configuration;

namespace Iom.Gateway.Tests.Routing;

/// <summary>
/// The gateway's authorization matrix, generated from its own route table: every route × every method it matches
/// × every role, anonymous, and expired / wrong-signature / wrong-audience tokens. Anonymous routes reach the
/// service whoever calls; the others refuse bad tokens with 401, roles their policy refuses (journalists) with 403,
/// and let the rest through to the service.
/// </summary>
public sealed partial class GatewayAuthorizationMatrixTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    /// <summary>The public paths of the suite (DESIGN and the common brief); nothing else may be anonymous.</summary>
    private static readonly HashSet<string> AnonymousRoutes =
    [
        "GET|HEAD /api/campaign/public/{**rest}",
        "POST|PUT|PATCH|DELETE /api/campaign/public/{**rest}",
        "POST /api/campaign/testimonies",
        "* /api/campaign/receipts/{**rest}",
        "* /api/registry/public/{**rest}",
        "GET|HEAD /api/consultations/public/{**rest}",
        "POST|PUT|PATCH|DELETE /api/consultations/public/{**rest}",
        "* /api/consultations/syndicate/me/{**rest}",
        "PUT /api/consultations/syndicate/me/papers/{paperId}/pdf",
        "* /api/media/public/{**rest}",
        "* /feeds/{**rest}",
        "* /feeds/stream",
        "GET /openapi/registry.json",
        "GET /openapi/consultations.json",
        "GET /openapi/campaign.json",
        "GET /openapi/media.json",
        // The Together web front (issue 17): its pages, their forms, its files and its service worker.
        "GET|HEAD /",
        "GET|HEAD /testimonies/{**rest}",
        "GET|HEAD|POST /actions/{**rest}",
        "GET|HEAD|POST /share/{**rest}",
        "GET|HEAD|POST /receipt/{**rest}",
        "GET|HEAD /stories/{**rest}",
        "GET|HEAD /assets/{**rest}",
        "GET|HEAD /sw.js",
    ];

    private IReadOnlyList<RouteConfig> Routes => gateway.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;

    [Fact]
    public void Every_route_names_an_authorization_and_a_rate_limiter_policy()
    {
        Assert.NotEmpty(Routes);
        var unnamed = Routes.Where(r => string.IsNullOrWhiteSpace(r.AuthorizationPolicy) || string.IsNullOrWhiteSpace(r.RateLimiterPolicy)).Select(r => r.RouteId);
        Assert.Empty(unnamed);
    }

    [Fact]
    public void Only_the_public_paths_are_anonymous_and_every_api_route_is_covered()
    {
        var anonymous = Routes.Where(IsAnonymous).Select(Describe).ToHashSet();
        Assert.Equal(AnonymousRoutes.Order(), anonymous.Order());
        foreach (var service in GatewayFactory.Clusters)
        {
            Assert.Contains(Routes, r => r.Match.Path == $"/api/{service}/{{**rest}}" && r.Match.Methods is null && !IsAnonymous(r));
        }
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_its_policy_says()
    {
        var authorization = gateway.Services.GetRequiredService<IAuthorizationService>();
        var wrong = new List<string>();
        var cells = 0;
        foreach (var route in Routes)
        {
            var path = SamplePath(route);
            foreach (var method in route.Match.Methods ?? ["GET", "POST", "PUT", "DELETE"])
            {
                foreach (var (caller, token) in BadTokens())
                {
                    var status = await SendAsync(method, path, token);
                    var expected = IsAnonymous(route) ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
                    cells++;
                    if (status != expected)
                    {
                        wrong.Add($"{method} {path} ({route.RouteId}) as {caller}: got {(int)status}, expected {(int)expected}");
                    }
                }

                foreach (var role in SuiteRoles.All)
                {
                    var organization = role == SuiteRoles.CsoFocalPoint ? Guid.NewGuid() : (Guid?)null;
                    var allowed = IsAnonymous(route) || await AllowsAsync(authorization, route.AuthorizationPolicy!, role, organization);
                    var status = await SendAsync(method, path, TestTokens.For(role, organization));
                    var expected = allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                    cells++;
                    if (status != expected)
                    {
                        wrong.Add($"{method} {path} ({route.RouteId}) as {role}: got {(int)status}, expected {(int)expected}");
                    }
                }
            }
        }

        Assert.True(cells > 500, $"Only {cells} cells: the route table was not read.");
        Assert.True(wrong.Count == 0, "Gateway authorization matrix mismatches:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("/api/consultations/{0}/inputs", SuiteRoles.Admin, SuiteRoles.ConsultationOrganizer, SuiteRoles.CsoFocalPoint)]
    [InlineData("/api/campaign/actions/{0}/signups", SuiteRoles.Admin, SuiteRoles.CampaignModerator, SuiteRoles.CsoFocalPoint)]
    public async Task Reads_of_consultation_inputs_and_volunteer_contacts_pass_only_for_the_roles_that_need_them(string template, params string[] roles)
    {
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Guid.NewGuid());
        foreach (var role in SuiteRoles.All)
        {
            var organization = role == SuiteRoles.CsoFocalPoint ? Guid.NewGuid() : (Guid?)null;
            Assert.Equal(roles.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, await SendAsync("GET", path, TestTokens.For(role, organization)));
        }

        // Writes on the same paths stay with the service's broader route (the service decides).
        Assert.Equal(HttpStatusCode.OK, await SendAsync("POST", path, TestTokens.For(SuiteRoles.RegistryEditor)));
    }

    [Theory]
    [InlineData("/api/registry/organizations")]
    [InlineData("/api/consultations/consultations")]
    [InlineData("/api/campaign/testimonies")]
    [InlineData("/api/media/stories")]
    [InlineData("/api/registry/organizations/import")]
    public async Task A_journalist_token_is_refused_on_the_apis(string path)
    {
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.Journalist));
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_focal_point_token_without_its_organisation_is_refused_on_the_apis()
    {
        using var client = gateway.ClientWith(TestTokens.For(SuiteRoles.CsoFocalPoint));
        using var response = await client.GetAsync("/api/registry/organizations");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Feeds_are_reachable_without_a_token_and_the_feed_key_reaches_the_media_service()
    {
        using var client = gateway.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/stories.rss?key=query-key");
        request.Headers.Add("X-Feed-Key", "header-key");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await StubService.EchoAsync(response);
        Assert.Equal("/feeds/stories.rss", echo.Path);
        Assert.Equal("?key=query-key", echo.Query);
        Assert.Equal("header-key", echo.Headers["X-Feed-Key"]);
    }

    [Theory]
    [InlineData("/api/media/stories")]
    [InlineData("/api/registry/organizations")]
    public async Task A_feed_key_opens_nothing_outside_the_feeds(string path)
    {
        using var client = gateway.Anonymous();
        using var byHeader = new HttpRequestMessage(HttpMethod.Get, path);
        byHeader.Headers.Add("X-Feed-Key", "a-journalists-key");
        using var headerResponse = await client.SendAsync(byHeader);
        using var queryResponse = await client.GetAsync(path + "?key=a-journalists-key");

        Assert.Equal(HttpStatusCode.Unauthorized, headerResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, queryResponse.StatusCode);
    }

    [Fact]
    public async Task The_token_reaches_the_service_which_validates_it_again()
    {
        var token = TestTokens.For(SuiteRoles.RegistryEditor);
        using var client = gateway.ClientWith(token);
        using var response = await client.GetAsync("/api/registry/organizations?page=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await StubService.EchoAsync(response);
        Assert.Equal("/api/registry/organizations", echo.Path);
        Assert.Equal("?page=2", echo.Query);
        Assert.Equal("Bearer " + token, echo.Headers["Authorization"]);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task The_gateway_health_is_anonymous(string path)
    {
        using var client = gateway.Anonymous();
        using var response = await client.GetAsync(path);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_path_outside_the_route_table_is_refused_without_a_token()
    {
        using var client = gateway.Anonymous();
        using var response = await client.GetAsync("/api/unknown/things");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static bool IsAnonymous(RouteConfig route) => string.Equals(route.AuthorizationPolicy, "anonymous", StringComparison.OrdinalIgnoreCase);

    private static string Describe(RouteConfig route) =>
        $"{(route.Match.Methods is { } methods ? string.Join('|', methods) : "*")} {route.Match.Path}";

    private static string SamplePath(RouteConfig route) =>
        RouteParameter().Replace(
            (route.Match.Path ?? throw new InvalidOperationException($"Route {route.RouteId} has no path")).Replace("{**rest}", "sample/item", StringComparison.Ordinal),
            _ => Guid.NewGuid().ToString());

    [GeneratedRegex(@"\{[^}*]+\}")]
    private static partial Regex RouteParameter();

    private static IEnumerable<(string Caller, string? Token)> BadTokens() =>
    [
        ("anonymous", null),
        ("expired token", TestTokens.Expired(SuiteRoles.Admin)),
        ("wrong signature", TestTokens.WrongSignature(SuiteRoles.Admin)),
        ("wrong audience", TestTokens.WrongAudience(SuiteRoles.Admin)),
    ];

    private static async Task<bool> AllowsAsync(IAuthorizationService authorization, string policy, string role, Guid? organization)
    {
        var claims = new List<Claim> { new(SuiteClaims.Subject, "matrix"), new(SuiteClaims.Role, role) };
        if (organization is { } org)
        {
            claims.Add(new Claim(SuiteClaims.Organization, org.ToString()));
        }

        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test", SuiteClaims.Subject, SuiteClaims.Role));
        return (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }

    private async Task<HttpStatusCode> SendAsync(string method, string path, string? token)
    {
        using var client = gateway.ClientWith(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
