using Iom.ServiceDefaults.Caching;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OutputCaching;
using Iom.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Public;

/// <summary>
/// The public listings are kept in the Redis output cache under these tags. A change that alters a listing asks
/// for its tag to be evicted with <see cref="EvictAfterCommit"/>; the eviction happens once the change is committed
/// (never before, or a reader could cache the old state again in between).
/// </summary>
internal static class PublicCache
{
    public const string Testimonies = "campaign-public-testimonies";
    public const string Actions = "campaign-public-actions";

    /// <summary>Evicts the listing's cached pages once the change is committed (never before, or a reader could cache the old state again).</summary>
    public static void EvictAfterCommit(this DbContext db, string tag) =>
        db.AfterCommit((services, cancellationToken) => services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(tag, cancellationToken).AsTask());

    /// <summary>Writes the body with a strong ETag of its content, or a 304 when the caller already has it.</summary>
    public static IResult JsonWithETag<T>(HttpContext http, T body)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, options);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        http.Response.Headers.ETag = etag;
        if (EntityTags.NoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }
}
