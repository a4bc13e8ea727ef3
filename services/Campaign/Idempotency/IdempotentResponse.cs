using System.Security.Cryptography;
using System.Text;

namespace Iom.Campaign.Idempotency;

/// <summary>
/// The stored answer of an idempotent request: encrypted (AES-GCM) under a key derived from the Idempotency-Key, so
/// the database alone never gives the receipt secret away; replayed with <c>Idempotent-Replayed: true</c>.
/// </summary>
internal static class IdempotentResponse
{
    public static string Encrypt(byte[] key, string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(nonce.Length + AesGcm.TagByteSizes.MaxSize), sealedBytes.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize));
        return Convert.ToBase64String(sealedBytes);
    }

    public static string Decrypt(byte[] key, string sealedText)
    {
        var sealedBytes = Convert.FromBase64String(sealedText);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var data = new byte[sealedBytes.Length - nonceSize - tagSize];
        using var aes = new AesGcm(key, tagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize + tagSize), sealedBytes.AsSpan(nonceSize, tagSize), data);
        return Encoding.UTF8.GetString(data);
    }

    public sealed class Replayed(int status, string? location, string body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers[IdempotencyStore.ReplayedHeaderName] = "true";
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
