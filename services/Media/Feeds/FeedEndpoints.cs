namespace Iom.Media.Feeds;

/// <summary>
/// The journalist feeds. Anonymous for ASP.NET (and at the gateway): the journalist's feed key is checked by
/// <see cref="FeedKeyValidator"/> inside each handler, never a bearer token.
/// </summary>
internal static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").WithTags("Feeds").AllowAnonymous();
        feeds.MapGet("/stories.atom", (HttpContext http, FeedKeyValidator keys, FeedCache cache, FetchLogWriter log, IServiceProvider sp, CancellationToken ct) =>
            GetFeed.HandleAsync(http, "atom", keys, cache, log, sp, ct)).WithName("GetAtomFeed");
        feeds.MapGet("/stories.json", (HttpContext http, FeedKeyValidator keys, FeedCache cache, FetchLogWriter log, IServiceProvider sp, CancellationToken ct) =>
            GetFeed.HandleAsync(http, "json", keys, cache, log, sp, ct)).WithName("GetJsonFeed");
        feeds.MapGet("/stories.rss", (HttpContext http, FeedKeyValidator keys, FeedCache cache, FetchLogWriter log, IServiceProvider sp, CancellationToken ct) =>
            GetFeed.HandleAsync(http, "rss", keys, cache, log, sp, ct)).WithName("GetRssFeed");
        feeds.MapGet("/stream", StreamFeed.HandleAsync).WithName(nameof(StreamFeed));

        // A trivial JSON endpoint (no I/O), the benchmark's yardstick for the cached feed.
        app.MapGet("/api/media/public/about", () => TypedResults.Ok(new About("media", ["/feeds/stories.atom", "/feeds/stories.json", "/feeds/stories.rss", "/feeds/stream"])))
            .WithTags("Feeds").WithName("About").AllowAnonymous();
        return app;
    }

    public sealed record About(string Service, IReadOnlyList<string> Feeds);
}
