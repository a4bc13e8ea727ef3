using System.Text;
using System.Text.Json;
using Iom.ServiceDefaults.Input;
using Microsoft.Extensions.Options;

namespace Iom.Media.Feeds;

/// <summary>
/// GET /feeds/stream: Server-Sent Events of feed changes (story-published / -corrected / -withdrawn, ids and facets,
/// no text) for newsroom tools, fed from every replica through Redis pub/sub. Optional filters as in the feeds.
/// At most <see cref="FeedLimitOptions.StreamsPerKey"/> streams per key and <see cref="FeedLimitOptions.StreamsTotal"/>
/// per replica (429 past them). The key is re-checked every <see cref="FeedLimitOptions.StreamKeyCheck"/> (1 s),
/// whether or not changes are flowing: a revoked key's streams end within that.
/// </summary>
internal static class StreamFeed
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task HandleAsync(
        HttpContext http, FeedKeyValidator keys, FeedStreamHub hub, IOptions<FeedLimitOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (caller, retryAfter) = await keys.CheckAsync(http, cancellationToken);
        if (caller is null)
        {
            await (retryAfter is { } wait ? FeedAnswers.TooManyAsync(http, wait, "Too many requests with invalid feed keys from this address.") : FeedAnswers.UnauthorizedAsync(http));
            return;
        }

        var errors = new ValidationErrors();
        var query = FeedQuery.Parse(http.Request.Query, errors);
        if (!errors.IsValid)
        {
            await errors.ToProblem().ExecuteAsync(http);
            return;
        }

        if (hub.TryOpen(caller.KeyId) is not var (id, reader))
        {
            await FeedAnswers.TooManyAsync(http, TimeSpan.FromSeconds(30), "Too many open streams for this key or on this server.");
            return;
        }

        var key = FeedKeyValidator.KeyOf(http.Request);
        var keyCheck = options.Value.StreamKeyCheck;
        try
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(http, ": connected\nretry: 5000\n\n", cancellationToken);
            var nextCheck = clock.GetTimestamp();
            var nextBeat = nextCheck;
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = clock.GetTimestamp();
                if (clock.GetElapsedTime(nextCheck, now) >= keyCheck)
                {
                    if (await keys.ValidateAsync(key, cancellationToken) is null)
                    {
                        return;
                    }

                    nextCheck = now;
                }

                if (clock.GetElapsedTime(nextBeat, now) >= Heartbeat)
                {
                    await WriteAsync(http, ": heartbeat\n\n", cancellationToken);
                    nextBeat = now;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(keyCheck - clock.GetElapsedTime(nextCheck));
                try
                {
                    var change = await reader.ReadAsync(wait.Token);
                    if (Matches(query, change))
                    {
                        var data = JsonSerializer.Serialize(change, FeedStreamHub.JsonOptions);
                        await WriteAsync(http, $"id: {change.StoryId:N}-{change.Updated.ToUnixTimeMilliseconds()}\nevent: {change.Type}\ndata: {data}\n\n", cancellationToken);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Time to check the key.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            hub.Close(id, caller.KeyId);
        }
    }

    private static bool Matches(FeedQuery query, FeedChange change) =>
        (query.Theme is null || change.Themes.Contains(query.Theme))
        && (query.Region is null || change.Regions.Contains(query.Region))
        && (query.Language is null || change.Languages.Contains(query.Language));

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
