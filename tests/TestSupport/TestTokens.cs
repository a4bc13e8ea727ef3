using System.Security.Claims;
using Iom.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Iom.TestSupport;

/// <summary>Tokens signed with the test key, and deliberately broken ones (expired, wrong key, wrong audience).</summary>
public static class TestTokens
{
    public const string SigningKey = "iom-test-signing-key-used-only-by-the-test-suite";
    public const string Issuer = SuiteAuthentication.DefaultIssuer;
    public const string Audience = SuiteAuthentication.DefaultAudience;

    public static string For(string role, Guid? organization = null, string? subject = null) =>
        Create(role, organization, subject, SigningKey, Audience, DateTime.UtcNow.AddHours(1));

    public static string Expired(string role) => Create(role, null, null, SigningKey, Audience, DateTime.UtcNow.AddMinutes(-10));

    public static string WrongSignature(string role) => Create(role, null, null, SigningKey + "-but-another-one", Audience, DateTime.UtcNow.AddHours(1));

    public static string WrongAudience(string role) => Create(role, null, null, SigningKey, "someone-else", DateTime.UtcNow.AddHours(1));

    /// <summary>Configuration a host under test needs to accept these tokens.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Auth:SigningKey", SigningKey),
        new("Auth:Issuer", Issuer),
        new("Auth:Audience", Audience),
    ];

    private static string Create(string role, Guid? organization, string? subject, string key, string audience, DateTime expires)
    {
        var claims = new List<Claim> { new(SuiteClaims.Subject, subject ?? $"test-{role}"), new(SuiteClaims.Role, role) };
        if (organization is { } org)
        {
            claims.Add(new Claim(SuiteClaims.Organization, org.ToString()));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = Issuer,
            Audience = audience,
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Expires = expires,
            SigningCredentials = new SigningCredentials(SuiteAuthentication.SigningKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
