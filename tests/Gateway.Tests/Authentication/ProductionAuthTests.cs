using System.Net;
using Iom.Gateway.Tests.Support;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Gateway.Tests.Authentication;

/// <summary>Outside Development the gateway refuses development secrets at start-up and starts with an identity provider.</summary>
public sealed class ProductionAuthTests
{
    [Fact]
    public async Task In_production_a_symmetric_signing_key_stops_the_gateway_with_one_line_saying_what_to_set()
    {
        await using var gateway = new GatewayFactory().RunIn("Production").With("Gateway:HttpsRedirection", "false");
        await ProductionStartup.AssertRefusedAsync(gateway.InitializeAsync, () => gateway.Logs, "a symmetric signing key (Auth:SigningKey) is for Development only");
    }

    [Fact]
    public async Task In_production_an_empty_authority_stops_the_gateway()
    {
        await using var gateway = new GatewayFactory().RunIn("Production")
            .With("Auth:SigningKey", string.Empty).With("Auth:Authority", string.Empty).With("Gateway:HttpsRedirection", "false");
        await ProductionStartup.AssertRefusedAsync(gateway.InitializeAsync, () => gateway.Logs, "no identity provider is configured");
    }

    [Fact]
    public async Task In_production_plain_http_discovery_from_a_remote_issuer_is_refused_even_when_asked_for()
    {
        await using var gateway = new GatewayFactory().RunIn("Production").With("Gateway:HttpsRedirection", "false")
            .With("Auth:SigningKey", string.Empty).With("Auth:Authority", "http://login.example.org/realms/iom").With("Auth:RequireHttpsMetadata", "false");
        await Assert.ThrowsAnyAsync<Exception>(gateway.InitializeAsync);
        var refusal = Assert.Single(gateway.Logs!.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
        Assert.Contains("Auth:RequireHttpsMetadata=false is accepted outside Development only for an identity provider on loopback", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_with_an_authority_the_gateway_starts_and_refuses_development_tokens()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var gateway = new GatewayFactory().RunIn("Production").With("Gateway:HttpsRedirection", "false");
        foreach (var (key, value) in issuer.Settings())
        {
            gateway.With(key, value);
        }

        await using (gateway)
        {
            await gateway.InitializeAsync();
            Assert.DoesNotContain(gateway.Logs!.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);

            using var development = gateway.ClientWith(TestTokens.For(SuiteRoles.Admin));
            Assert.Equal(HttpStatusCode.Unauthorized, (await development.GetAsync("/api/registry/organizations")).StatusCode);
        }
    }
}
