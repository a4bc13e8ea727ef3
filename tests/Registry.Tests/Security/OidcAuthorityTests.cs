using System.Net;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Registry.Tests.Security;

/// <summary>
/// The registry in Production trusting a real OpenID Connect issuer (discovery + JWKS on loopback, RS256 key made in
/// the test): provider tokens are accepted with their roles mapped; wrong issuer and "alg: none" are refused.
/// </summary>
public sealed class OidcAuthorityTests(OidcAuthorityTests.Fixture fixture) : IClassFixture<OidcAuthorityTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public TestIssuer Issuer { get; private set; } = null!;

        public ProductionServiceFactory<Program> Registry { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Issuer = await TestIssuer.StartAsync();
            Registry = new ProductionServiceFactory<Program>("registrydb", Issuer.Settings());
            await Registry.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await ((IAsyncLifetime)Registry).DisposeAsync();
            await Issuer.DisposeAsync();
        }
    }

    private const string Organizations = "/api/registry/organizations";

    [Fact]
    public async Task An_Entra_ID_token_with_the_editor_app_role_lists_the_organisations() =>
        Assert.Equal(HttpStatusCode.OK, await GetAsync(fixture.Issuer.EntraToken([SuiteRoles.RegistryEditor])));

    [Fact]
    public async Task A_Keycloak_token_with_the_editor_realm_role_lists_the_organisations() =>
        Assert.Equal(HttpStatusCode.OK, await GetAsync(fixture.Issuer.KeycloakToken([SuiteRoles.RegistryEditor, "offline_access"])));

    [Fact]
    public async Task A_provider_token_with_only_a_journalist_role_is_forbidden() =>
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(fixture.Issuer.EntraToken([SuiteRoles.Journalist])));

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(fixture.Issuer.EntraToken([SuiteRoles.Admin], issuer: "https://sts.example.org/")));

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(fixture.Issuer.UnsignedToken([SuiteRoles.Admin])));

    [Fact]
    public async Task The_development_token_is_refused_in_production() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(TestTokens.For(SuiteRoles.Admin)));

    private async Task<HttpStatusCode> GetAsync(string token)
    {
        using var client = fixture.Registry.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(Organizations);
        return response.StatusCode;
    }
}
