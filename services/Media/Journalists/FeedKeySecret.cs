using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Iom.Media.Journalists;

/// <summary>Feed key secrets: 32 random bytes shown once (base64url, "iomk_" prefix); only their SHA-256 is stored.</summary>
internal static class FeedKeySecret
{
    private const string Prefix = "iomk_";

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Keys that cannot be ours are refused without touching Redis or the database.</summary>
    public static bool LooksValid(string? key) => key is { Length: > 10 and < 100 } && key.StartsWith(Prefix, StringComparison.Ordinal);
}
