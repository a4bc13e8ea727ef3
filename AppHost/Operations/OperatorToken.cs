using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Iom.AppHost.Operations;

/// <summary>
/// A short-lived admin token the AppHost mints for its own dashboard commands, signed like scripts/dev-token.sh
/// with the configured development key (Auth:SigningKey, Auth:Issuer, Auth:Audience). Where the suite uses a real
/// identity provider (no signing key), there is no token and the commands say so instead of calling.
/// </summary>
internal static class OperatorToken
{
    public const string Subject = "apphost-operator";

    public static string? Mint(IConfiguration configuration, TimeProvider time)
    {
        var auth = configuration.GetSection("Auth");
        var key = auth["SigningKey"];
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = Subject,
            ["role"] = "admin",
            ["iss"] = auth["Issuer"] is { Length: > 0 } issuer ? issuer : "iom-dev",
            ["aud"] = auth["Audience"] is { Length: > 0 } audience ? audience : "iom-api",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
        }));
        var signature = Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
