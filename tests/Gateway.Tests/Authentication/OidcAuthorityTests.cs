using System.Net;
using System.Net.Http.Json;
using Iom.Gateway.Tests.Support;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Gateway.Tests.Authentication;

/// <summary>
/// The gateway in Production trusting a real OpenID Connect issuer (discovery + JWKS on loopback, RS256 key made in
/// the test): its tokens pass with roles as Entra ID or Keycloak send them; wrong issuer, "alg: none" and expired do not.
/// </summary>
public sealed class OidcAuthorityTests(OidcAuthorityTests.Fixture fixture) : IClassFixture<OidcAuthorityTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public TestIssuer Issuer { get; private set; } = null!;

        public GatewayFactory Gateway { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Issuer = await TestIssuer.StartAsync();
            Gateway = new GatewayFactory().RunIn("Production").With("Gateway:HttpsRedirection", "false");
            foreach (var (key, value) in Issuer.Settings())
            {
                Gateway.With(key, value);
            }

            await Gateway.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Issuer.DisposeAsync();
        }
    }

    private const string StaffPath = "/api/registry/organizations";

    [Fact]
    public async Task An_Entra_ID_token_with_a_staff_app_role_is_forwarded()
    {
        var echo = await GetAsync(fixture.Issuer.EntraToken([SuiteRoles.RegistryEditor]), HttpStatusCode.OK);
        Assert.Equal(StaffPath, echo!.Path);
        Assert.True(fixture.Issuer.KeySetRequests > 0, "the gateway fetched the issuer's keys");
    }

    [Fact]
    public async Task A_Keycloak_token_with_a_realm_role_is_forwarded()
    {
        await GetAsync(fixture.Issuer.KeycloakToken([SuiteRoles.Admin, "offline_access", "uma_authorization"]), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_focal_point_token_from_the_provider_carries_its_organisation()
    {
        await GetAsync(fixture.Issuer.KeycloakToken([SuiteRoles.CsoFocalPoint], Guid.NewGuid()), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_valid_provider_token_without_a_suite_role_is_forbidden()
    {
        await GetAsync(fixture.Issuer.EntraToken(["Directory.Reader"]), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_naming_another_issuer_is_refused()
    {
        await GetAsync(fixture.Issuer.EntraToken([SuiteRoles.Admin], issuer: "https://login.example.org/other-tenant/v2.0"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        await GetAsync(fixture.Issuer.UnsignedToken([SuiteRoles.Admin]), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_provider_token_is_refused()
    {
        await GetAsync(fixture.Issuer.EntraToken([SuiteRoles.Admin], expires: DateTime.UtcNow.AddMinutes(-5)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_by_another_issuers_key_is_refused()
    {
        await using var stranger = await TestIssuer.StartAsync();
        await GetAsync(stranger.EntraToken([SuiteRoles.Admin], issuer: fixture.Issuer.Authority), HttpStatusCode.Unauthorized);
    }

    private async Task<StubEcho?> GetAsync(string token, HttpStatusCode expected)
    {
        using var client = fixture.Gateway.ClientWith(token);
        using var response = await client.GetAsync(StaffPath);
        Assert.Equal(expected, response.StatusCode);
        return expected == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<StubEcho>() : null;
    }
}
