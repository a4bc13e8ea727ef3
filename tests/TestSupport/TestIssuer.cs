using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Iom.TestSupport;

/// <summary>
/// A real OpenID Connect issuer for tests: a small Kestrel app on loopback serving
/// /.well-known/openid-configuration and a JWKS with an RS256 key made here, and the tokens it signs — shaped as
/// Entra ID sends roles ("roles" array) or as Keycloak does ("realm_access.roles"), or deliberately wrong.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "iom-api";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private WebApplication? app;

    private TestIssuer() => key = new RsaSecurityKey(rsa) { KeyId = $"test-{Guid.NewGuid():N}"[..16] };

    /// <summary>The issuer URL (the "Auth:Authority" a host under test is given).</summary>
    public string Authority { get; private set; } = null!;

    /// <summary>How many times the JWKS was fetched (the hosts really went to the issuer).</summary>
    public int KeySetRequests { get; private set; }

    public static async Task<TestIssuer> StartAsync()
    {
        var issuer = new TestIssuer();
        await issuer.RunAsync();
        return issuer;
    }

    /// <summary>Settings for a host to trust this issuer (http on loopback, so RequireHttpsMetadata=false, explicitly).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Auth:Authority", Authority),
        new("Auth:Audience", Audience),
        new("Auth:RequireHttpsMetadata", "false"),
        new("Auth:SigningKey", string.Empty),
        new("Auth:Issuer", string.Empty),
    ];

    /// <summary>An Entra ID-shaped token: app roles in a "roles" array.</summary>
    public string EntraToken(IEnumerable<string> roles, Guid? organization = null, string? issuer = null, DateTime? expires = null) =>
        Sign(Claims(organization, ("roles", roles.ToArray())), issuer, expires);

    /// <summary>A Keycloak-shaped token: realm roles under "realm_access": { "roles": [...] }.</summary>
    public string KeycloakToken(IEnumerable<string> roles, Guid? organization = null) =>
        Sign(Claims(organization, ("realm_access", new Dictionary<string, object> { ["roles"] = roles.ToArray() })), null, null);

    /// <summary>An unsigned token ("alg": "none") with the right issuer, audience and roles.</summary>
    public string UnsignedToken(IEnumerable<string> roles)
    {
        var now = DateTimeOffset.UtcNow;
        var header = JsonSerializer.SerializeToUtf8Bytes(new { alg = "none", typ = "JWT" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Authority,
            ["aud"] = Audience,
            ["sub"] = "unsigned",
            ["roles"] = roles.ToArray(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        });
        return $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}.";
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        rsa.Dispose();
    }

    private static Dictionary<string, object> Claims(Guid? organization, (string Name, object Value) roles)
    {
        var claims = new Dictionary<string, object> { ["sub"] = $"idp-{Guid.NewGuid():N}", [roles.Name] = roles.Value };
        if (organization is { } org)
        {
            claims["org"] = org.ToString();
        }

        return claims;
    }

    private string Sign(Dictionary<string, object> claims, string? issuer, DateTime? expires)
    {
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = issuer ?? Authority,
            Audience = Audience,
            NotBefore = until.AddHours(-2),
            IssuedAt = until.AddHours(-2),
            Expires = until,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = $"{Authority}/jwks",
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
        }), "application/json", Encoding.UTF8));
        app.MapGet("/jwks", () =>
        {
            KeySetRequests++;
            return Results.Text(JsonSerializer.Serialize(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64Url.EncodeToString(parameters.Modulus), e = Base64Url.EncodeToString(parameters.Exponent) },
                },
            }), "application/json", Encoding.UTF8);
        });
        await app.StartAsync();
        Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }
}
