using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iom.Campaign.Idempotency;

/// <summary>
/// Honours the <c>Idempotency-Key</c> header of the app's POSTs (phones on bad networks retry): the first request
/// with a key claims it in Redis (SET NX, short expiry while in flight), runs, and stores its successful response
/// for 24 hours; a retry with the same key gets that response back and creates nothing. A concurrent retry waits
/// for the first to finish. The same key with a different body is a 422. Failures release the key.
/// The stored response holds the receipt secret: Redis sees it only encrypted (AES-GCM) under a key derived from the
/// Idempotency-Key, and the Redis key is a hash of it, so the cache alone gives nothing away.
/// </summary>
public sealed partial class IdempotencyStore(IConnectionMultiplexer redis, IOptions<JsonOptions> json, ILogger<IdempotencyStore> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan WaitForInFlight = TimeSpan.FromSeconds(15);

    private sealed record Entry(string Fingerprint, int? Status, string? Location, string? Body);

    public async Task<IResult> ExecuteAsync(HttpContext http, string scope, object request, Func<Task<IResult>> run)
    {
        var key = http.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await run();
        }

        if (key.Length > 200 || key.Any(c => c < '!' || c > '~'))
        {
            return new ValidationErrors().Add(HeaderName, "The Idempotency-Key header must be 1 to 200 visible ASCII characters.").ToProblem();
        }

        var redisKey = $"campaign:idempotency:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"id\n{scope}\n{key}")))}";
        var bodyKey = SHA256.HashData(Encoding.UTF8.GetBytes($"body\n{scope}\n{key}"));
        var fingerprint = Fingerprint(request);
        var db = redis.GetDatabase();
        var deadline = DateTimeOffset.UtcNow + WaitForInFlight;
        while (true)
        {
            if (await db.StringSetAsync(redisKey, JsonSerializer.Serialize(new Entry(fingerprint, null, null, null)), InFlight, When.NotExists))
            {
                return await RunAndStoreAsync(db, redisKey, bodyKey, fingerprint, scope, run);
            }

            var stored = await db.StringGetAsync(redisKey);
            if (!stored.IsNullOrEmpty)
            {
                var entry = JsonSerializer.Deserialize<Entry>(stored.ToString())!;
                if (!string.Equals(entry.Fingerprint, fingerprint, StringComparison.Ordinal))
                {
                    return TypedResults.Problem(
                        statusCode: StatusCodes.Status422UnprocessableEntity,
                        title: "The Idempotency-Key was already used for a different request.",
                        detail: "Send a new key with a new request; reuse a key only to retry the very same request.");
                }

                if (entry.Status is { } status)
                {
                    LogReplayed(logger, scope);
                    return new ReplayedResult(status, entry.Location, entry.Body is null ? "null" : Decrypt(bodyKey, entry.Body));
                }
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                http.Response.Headers.RetryAfter = "2";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "A request with this Idempotency-Key is still being processed.",
                    detail: "Retry the same request with the same key in a moment.");
            }

            await Task.Delay(100, http.RequestAborted);
        }
    }

    private async Task<IResult> RunAndStoreAsync(IDatabase db, string redisKey, byte[] bodyKey, string fingerprint, string scope, Func<Task<IResult>> run)
    {
        IResult result;
        try
        {
            result = await run();
        }
        catch
        {
            await db.KeyDeleteAsync(redisKey);
            throw;
        }

        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success and IValueHttpResult value)
        {
            var location = inner.GetType().GetProperty("Location")?.GetValue(inner) as string;
            var body = JsonSerializer.Serialize(value.Value, value.Value?.GetType() ?? typeof(object), json.Value.SerializerOptions);
            await db.StringSetAsync(redisKey, JsonSerializer.Serialize(new Entry(fingerprint, success.StatusCode, location, Encrypt(bodyKey, body))), Retention);
            LogStored(logger, scope);
        }
        else
        {
            // Refused requests changed nothing: release the key so a corrected retry can use it.
            await db.KeyDeleteAsync(redisKey);
        }

        return result;
    }

    private static string Encrypt(byte[] key, string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(nonce.Length + AesGcm.TagByteSizes.MaxSize), sealedBytes.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize));
        return Convert.ToBase64String(sealedBytes);
    }

    private static string Decrypt(byte[] key, string sealedText)
    {
        var sealedBytes = Convert.FromBase64String(sealedText);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var data = new byte[sealedBytes.Length - nonceSize - tagSize];
        using var aes = new AesGcm(key, tagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize + tagSize), sealedBytes.AsSpan(nonceSize, tagSize), data);
        return Encoding.UTF8.GetString(data);
    }

    private static string Fingerprint(object request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, request.GetType())));

    private sealed class ReplayedResult(int status, string? location, string body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers[ReplayedHeaderName] = "true";
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed the stored response of an idempotent {Scope} request")]
    private static partial void LogReplayed(ILogger logger, string scope);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored the response of an idempotent {Scope} request")]
    private static partial void LogStored(ILogger logger, string scope);
}
