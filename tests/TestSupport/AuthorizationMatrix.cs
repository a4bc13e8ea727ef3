using System.Net;
using System.Security.Claims;
using System.Text;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.TestSupport;

/// <summary>One cell of the matrix: a route, a caller, what came back and what was expected.</summary>
public sealed record MatrixCell(string Method, string Route, string Caller, HttpStatusCode Status, string Expected)
{
    public override string ToString() => $"{Method} {Route} as {Caller}: got {(int)Status}, expected {Expected}";
}

/// <summary>
/// The authorization matrix, generated from a host's own route table: every route must name a policy or allow
/// anonymous access explicitly, and every route × every role (and anonymous, expired, wrong-signature and
/// wrong-audience tokens) gets the answer its policy implies. A route added without a policy fails this.
/// </summary>
public static class AuthorizationMatrix
{
    private static readonly string[] Infrastructure = ["/health", "/alive", "/openapi"];

    public static IReadOnlyList<RouteEndpoint> ApiEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !Infrastructure.Any(p => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(p, StringComparison.Ordinal)))
            .ToList();

    /// <summary>Routes that name neither a policy nor anonymous access (should be none).</summary>
    public static IReadOnlyList<string> RoutesWithoutExplicitPolicy(IServiceProvider services) =>
        ApiEndpoints(services)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(Describe)
            .ToList();

    /// <summary>Runs every route × caller and returns the cells that disagree with the policy.</summary>
    public static async Task<IReadOnlyList<MatrixCell>> RunAsync(IServiceProvider services, Func<HttpClient> createClient)
    {
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var wrong = new List<MatrixCell>();
        foreach (var endpoint in ApiEndpoints(services))
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var path = SamplePath(endpoint);
                foreach (var (caller, token) in BadTokens())
                {
                    var status = await SendAsync(createClient, method, path, token);
                    var ok = anonymous ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) : status == HttpStatusCode.Unauthorized;
                    if (!ok)
                    {
                        wrong.Add(new MatrixCell(method, Describe(endpoint), caller, status, anonymous ? "not 401/403" : "401"));
                    }
                }

                foreach (var role in SuiteRoles.All)
                {
                    var organization = role == SuiteRoles.CsoFocalPoint ? Guid.NewGuid() : (Guid?)null;
                    var allowed = anonymous || await AllowsAsync(authorization, policies, role, organization);
                    var status = await SendAsync(createClient, method, path, TestTokens.For(role, organization));
                    var ok = allowed
                        ? status != HttpStatusCode.Unauthorized && (role == SuiteRoles.CsoFocalPoint || status != HttpStatusCode.Forbidden)
                        : status == HttpStatusCode.Forbidden;
                    if (!ok)
                    {
                        wrong.Add(new MatrixCell(method, Describe(endpoint), role, status, allowed ? "allowed (not 401/403)" : "403"));
                    }
                }
            }
        }

        return wrong;
    }

    /// <summary>Asserts both: every route names a policy, and the matrix holds.</summary>
    public static async Task AssertAsync(IServiceProvider services, Func<HttpClient> createClient)
    {
        var unguarded = RoutesWithoutExplicitPolicy(services);
        Assert.True(unguarded.Count == 0, "Routes without an explicit policy: " + string.Join(", ", unguarded));
        Assert.NotEmpty(ApiEndpoints(services));
        var wrong = await RunAsync(services, createClient);
        Assert.True(wrong.Count == 0, "Authorization matrix mismatches:\n" + string.Join("\n", wrong));
    }

    /// <summary>
    /// The route's policies admit exactly these roles (a focal point with its organisation): the matrix's fixed
    /// expectations for reads of personal or partner data, so loosening such a policy fails a test.
    /// </summary>
    public static async Task AssertOnlyRolesAsync(IServiceProvider services, string method, string route, params string[] roles)
    {
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var endpoint = Assert.Single(ApiEndpoints(services), e =>
            "/" + e.RoutePattern.RawText?.TrimStart('/') == route && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) ?? false));
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        Assert.NotEmpty(policies);
        var admitted = new List<string>();
        foreach (var role in SuiteRoles.All)
        {
            if (await AllowsAsync(authorization, policies, role, role == SuiteRoles.CsoFocalPoint ? Guid.NewGuid() : null))
            {
                admitted.Add(role);
            }
        }

        Assert.Equal(roles.Order(), admitted.Order());
    }

    /// <summary>
    /// The roles (in <see cref="SuiteRoles.All"/> order) the route's policies admit, a focal point acting for
    /// <paramref name="organization"/>; null when the route allows anonymous access. <paramref name="template"/> may
    /// carry route constraints or not ("/x/{id:guid}" and "/x/{id}" are the same route).
    /// </summary>
    public static async Task<IReadOnlyList<string>?> AllowedRolesAsync(IServiceProvider services, string method, string template, Guid organization)
    {
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var endpoint = Assert.Single(ApiEndpoints(services), e =>
            WithoutConstraints("/" + e.RoutePattern.RawText?.TrimStart('/')) == WithoutConstraints(template)
            && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) ?? false));
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        var allowed = new List<string>();
        foreach (var role in SuiteRoles.All)
        {
            if (await AllowsAsync(authorization, policies, role, role == SuiteRoles.CsoFocalPoint ? organization : null))
            {
                allowed.Add(role);
            }
        }

        return allowed;
    }

    private static string WithoutConstraints(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template.TrimEnd('/'), @"\{([^}:?]+)[^}]*\}", "{$1}");

    private static IEnumerable<(string Caller, string? Token)> BadTokens() =>
    [
        ("anonymous", null),
        ("expired token", TestTokens.Expired(SuiteRoles.Admin)),
        ("wrong signature", TestTokens.WrongSignature(SuiteRoles.Admin)),
        ("wrong audience", TestTokens.WrongAudience(SuiteRoles.Admin)),
    ];

    private static async Task<bool> AllowsAsync(IAuthorizationService authorization, List<string> policies, string role, Guid? organization)
    {
        var claims = new List<Claim> { new(SuiteClaims.Subject, "matrix"), new(SuiteClaims.Role, role) };
        if (organization is { } org)
        {
            claims.Add(new Claim(SuiteClaims.Organization, org.ToString()));
        }

        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test", SuiteClaims.Subject, SuiteClaims.Role));
        foreach (var policy in policies)
        {
            if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<HttpStatusCode> SendAsync(Func<HttpClient> createClient, string method, string path, string? token)
    {
        using var client = createClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The route with sample values: a fresh guid for guid parameters, "sample" otherwise.</summary>
    private static string SamplePath(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
                parameter.ParameterPolicies.Any(p => p.Content is "guid") ? Guid.NewGuid().ToString()
                : parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1"
                : "sample",
            _ => string.Empty,
        })));
        return "/" + string.Join('/', segments);
    }

    private static string Describe(RouteEndpoint e) =>
        $"{string.Join('|', e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{e.RoutePattern.RawText?.TrimStart('/')}";
}
