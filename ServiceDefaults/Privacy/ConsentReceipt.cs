using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Iom.ServiceDefaults.Privacy;

/// <summary>
/// The author's receipt: the testimony id and a random secret. Only the secret's SHA-256 is stored;
/// checking compares in constant time, and an unknown id costs the same as a wrong secret.
/// </summary>
public static class ConsentReceipt
{
    private static readonly byte[] NoTestimony = SHA256.HashData("no testimony has this hash"u8);

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>True only when a testimony was found and the secret is its secret.</summary>
    public static bool Matches(byte[]? storedHash, string? secret)
    {
        var given = Hash(secret ?? string.Empty);
        var equal = CryptographicOperations.FixedTimeEquals(storedHash ?? NoTestimony, given);
        return storedHash is not null && !string.IsNullOrEmpty(secret) && equal;
    }
}
