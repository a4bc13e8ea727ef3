using System.Globalization;
using System.IO.Hashing;
using Iom.Media.Journalists;
using Microsoft.Net.Http.Headers;

namespace Iom.Media.Feeds;

/// <summary>
/// GET /feeds/stories.{atom|json|rss}: checks the journalist key (401, same answer for missing/unknown/revoked),
/// the filters (400), then answers from the Redis cache — 304 for a matching If-None-Match / If-Modified-Since
/// without a database query — or renders the page from PostgreSQL, caches it and answers 200 with strong validators.
/// Each 200 is noted in the fetch log (key → stories) in the background.
/// </summary>
public static class GetFeed
{
    public static async Task HandleAsync(
        HttpContext http, string format, FeedKeyValidator keys, FeedCache cache, FetchLogWriter fetchLog, IServiceProvider services, CancellationToken cancellationToken)
    {
        var key = FeedKeyValidator.KeyOf(http.Request);
        if (!FeedKeySecret.LooksValid(key))
        {
            await FeedAnswers.UnauthorizedAsync(http);
            return;
        }

        var hash = FeedKeySecret.Hash(key!);
        var keyInQuery = http.Request.Headers["X-Feed-Key"].Count == 0;
        var errors = new ValidationErrors();
        var query = FeedQuery.Parse(http.Request.Query, errors);
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var redis = cache.Database;

        // One round trip: the key, the feed generation and both variants' validators, pipelined.
        var keyLookup = keys.LookupAsync(redis, hash);
        var generation = cache.GenerationAsync(redis);
        var openMeta = errors.IsValid ? cache.MetaAsync(redis, query.Variant(format, false, baseUrl, keyInQuery)) : null;
        var embargoMeta = errors.IsValid ? cache.MetaAsync(redis, query.Variant(format, true, baseUrl, keyInQuery)) : null;

        var caller = await keys.ResolveAsync(hash, await keyLookup, cancellationToken);
        if (caller is null)
        {
            await FeedAnswers.UnauthorizedAsync(http);
            return;
        }

        if (!errors.IsValid)
        {
            await errors.ToProblem().ExecuteAsync(http);
            return;
        }

        var variant = query.Variant(format, caller.EmbargoAccess, baseUrl, keyInQuery);
        var currentGeneration = await generation;
        var cached = FeedCache.Current(currentGeneration, await (caller.EmbargoAccess ? embargoMeta! : openMeta!));
        if (cached is not null)
        {
            if (NotModified(http.Request, cached))
            {
                Validators(http.Response, cached);
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            var body = await cache.BodyAsync(variant, cached.ETag);
            if (body is not null)
            {
                fetchLog.Note(caller, cached.StoryIds);
                await WriteAsync(http, cached, keyInQuery ? WithKey(body, key!) : body, cancellationToken);
                return;
            }
        }

        // A miss: render from the database under the generation read before the query.
        await using var scope = services.CreateAsyncScope();
        var items = scope.ServiceProvider.GetRequiredService<FeedItems>();
        var page = await items.LoadAsync(query, caller.EmbargoAccess, cancellationToken);
        var path = http.Request.Path.Value!;
        var links = new FeedLinks(
            query.Url(baseUrl, path, query.Page, keyInQuery),
            query.Url(baseUrl, path, 1, keyInQuery),
            page.HasNext ? query.Url(baseUrl, path, query.Page + 1, keyInQuery) : null,
            query.Page > 1 ? query.Url(baseUrl, path, query.Page - 1, keyInQuery) : null);
        var (bytes, contentType) = FeedRenderers.Render(format, page, links, query);
        var etag = "\"" + Convert.ToHexStringLower(XxHash128.Hash(bytes)) + "\"";
        var ids = string.Join(',', page.Items.Where(i => !i.Withdrawn).Select(i => i.Id.ToString("N")));
        var feed = new CachedFeed(etag, TruncateToSeconds(page.Updated), contentType, ids);
        await cache.StoreAsync(variant, currentGeneration.HasValue ? (long)currentGeneration : 0L, feed, bytes);
        if (NotModified(http.Request, feed))
        {
            Validators(http.Response, feed);
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        fetchLog.Note(caller, ids);
        await WriteAsync(http, feed, keyInQuery ? WithKey(bytes, key!) : bytes, cancellationToken);
    }

    private static byte[] WithKey(byte[] template, string key) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(template).Replace(FeedQuery.KeyPlaceholder, Uri.EscapeDataString(key), StringComparison.Ordinal));

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    /// <summary>If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).</summary>
    private static bool NotModified(HttpRequest request, CachedFeed feed)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            foreach (var value in ifNoneMatch)
            {
                foreach (var tag in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    // If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
                    if (tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == feed.ETag)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        return DateTimeOffset.TryParseExact(request.Headers.IfModifiedSince.ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && feed.LastModified <= since;
    }

    private static void Validators(HttpResponse response, CachedFeed feed)
    {
        response.Headers.ETag = feed.ETag;
        response.Headers.LastModified = feed.LastModified.ToString("r", CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.Vary = "X-Feed-Key";
    }

    private static async Task WriteAsync(HttpContext http, CachedFeed feed, byte[] body, CancellationToken cancellationToken)
    {
        Validators(http.Response, feed);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = feed.ContentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, cancellationToken);
    }
}

public static class FeedAnswers
{
    private static readonly byte[] UnauthorizedBody = System.Text.Encoding.UTF8.GetBytes(
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"A valid feed key is required.","status":401,"detail":"Send your journalist feed key in the X-Feed-Key header or the 'key' query parameter."}""");

    /// <summary>The one answer for a missing, unknown, revoked or suspended key: no hint which (byte for byte the same).</summary>
    public static async Task UnauthorizedAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers[HeaderNames.WWWAuthenticate] = "FeedKey realm=\"iom-media-feeds\"";
        http.Response.ContentType = "application/problem+json";
        http.Response.ContentLength = UnauthorizedBody.Length;
        await http.Response.Body.WriteAsync(UnauthorizedBody);
    }
}
