using Iom.ServiceDefaults.Caching;
using System.Globalization;
using System.IO.Hashing;
using Iom.ServiceDefaults.Input;
using Microsoft.Net.Http.Headers;

namespace Iom.Media.Feeds;

/// <summary>
/// GET /feeds/stories.{atom|json|rss}: checks the journalist key (401, same answer for missing/unknown/revoked),
/// the filters (400), then answers from the feed cache (process memory, else Redis) — 304 for a matching
/// If-None-Match / If-Modified-Since without a database query — or renders the page from PostgreSQL, caches it and
/// answers 200 with strong validators, gzip-compressed (once, when cached) for clients that accept it.
/// Each 200 is noted in the fetch log (key → stories) in the background.
/// </summary>
internal static class GetFeed
{
    public static async Task HandleAsync(
        HttpContext http, string format, FeedKeyValidator keys, FeedCache cache, FetchLogWriter fetchLog, IServiceProvider services, CancellationToken cancellationToken)
    {
        var key = FeedKeyValidator.KeyOf(http.Request);
        var keyInQuery = http.Request.Headers["X-Feed-Key"].Count == 0;
        var errors = new ValidationErrors();
        var query = FeedQuery.Parse(http.Request.Query, errors);
        var (caller, retryAfter) = await keys.CheckAsync(http, cancellationToken);
        if (caller is null)
        {
            await (retryAfter is { } wait ? FeedAnswers.TooManyAsync(http, wait, "Too many requests with invalid feed keys from this address.") : FeedAnswers.UnauthorizedAsync(http));
            return;
        }

        if (!errors.IsValid)
        {
            await errors.ToProblem().ExecuteAsync(http);
            return;
        }

        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var variant = query.Variant(format, caller.EmbargoAccess, baseUrl, keyInQuery);
        var (page, generation) = await cache.FindAsync(variant, cancellationToken);
        page ??= await RenderAsync(http, format, query, caller, variant, generation, keyInQuery, baseUrl, cache, services, cancellationToken);
        var gzip = AcceptsGzip(http.Request);
        if (NotModified(http.Request, page))
        {
            Validators(http.Response, page, gzip);
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        if (keyInQuery)
        {
            page = cache.ForKey(variant, page, key!); // same validators, the reader's key in the links
        }

        fetchLog.Note(caller, page.Feed.StoryIds);
        Validators(http.Response, page, gzip);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = page.Feed.ContentType;
        var body = gzip ? page.Gzip : page.Body;
        if (gzip)
        {
            http.Response.Headers.ContentEncoding = "gzip";
        }

        http.Response.ContentLength = body.Length;
        await http.Response.BodyWriter.WriteAsync(body, cancellationToken);
    }

    /// <summary>A miss: renders the page from the database under the generation read before the query, and caches it.</summary>
    private static async Task<ServedPage> RenderAsync(
        HttpContext http, string format, FeedQuery query, FeedCaller caller, string variant, long generation, bool keyInQuery, string baseUrl,
        FeedCache cache, IServiceProvider services, CancellationToken cancellationToken)
    {
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
        return await cache.StoreAsync(variant, generation, new CachedFeed(etag, TruncateToSeconds(page.Updated), contentType, ids), bytes);
    }

    /// <summary>Whether the client takes gzip (Accept-Encoding lists gzip or *, without q=0).</summary>
    private static bool AcceptsGzip(HttpRequest request)
    {
        var accept = request.Headers.AcceptEncoding;
        if (accept.Count == 0 || !StringWithQualityHeaderValue.TryParseList(accept, out var codings))
        {
            return false;
        }

        foreach (var coding in codings)
        {
            if ((coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value == "*") && coding.Quality is not 0)
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    /// <summary>If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).</summary>
    private static bool NotModified(HttpRequest request, ServedPage page)
    {
        if (EntityTags.Sent(request))
        {
            // Either coding's tag names the same content.
            return EntityTags.NoneMatchHits(request, page.Feed.ETag, page.GzipETag);
        }

        return DateTimeOffset.TryParseExact(request.Headers.IfModifiedSince.ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && page.Feed.LastModified <= since;
    }

    private static void Validators(HttpResponse response, ServedPage page, bool gzip)
    {
        response.Headers.ETag = gzip ? page.GzipETag : page.Feed.ETag;
        response.Headers.LastModified = page.LastModified;
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.Vary = "X-Feed-Key, Accept-Encoding";
    }
}

internal static class FeedAnswers
{
    private static readonly byte[] UnauthorizedBody = System.Text.Encoding.UTF8.GetBytes(
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"A valid feed key is required.","status":401,"detail":"Send your journalist feed key in the X-Feed-Key header or the 'key' query parameter."}""");

    /// <summary>429 ProblemDetails with Retry-After (whole seconds, at least one).</summary>
    public static Task TooManyAsync(HttpContext http, TimeSpan retryAfter, string title)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: $"Try again in {seconds} s.").ExecuteAsync(http);
    }

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
