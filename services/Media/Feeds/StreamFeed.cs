using System.Text;
using System.Text.Json;
using Iom.Media.Journalists;

namespace Iom.Media.Feeds;

/// <summary>
/// GET /feeds/stream: Server-Sent Events of feed changes (story-published / -corrected / -withdrawn, ids and facets,
/// no text) for newsroom tools, fed from every replica through Redis pub/sub. Optional filters as in the feeds.
/// The key is checked at connection and again with every heartbeat (15 s): a revoked key's stream ends.
/// </summary>
public static class StreamFeed
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task HandleAsync(HttpContext http, FeedKeyValidator keys, FeedStreamHub hub, CancellationToken cancellationToken)
    {
        var key = FeedKeyValidator.KeyOf(http.Request);
        if (await keys.ValidateAsync(key, cancellationToken) is null)
        {
            await FeedAnswers.UnauthorizedAsync(http);
            return;
        }

        var errors = new ValidationErrors();
        var query = FeedQuery.Parse(http.Request.Query, errors);
        if (!errors.IsValid)
        {
            await errors.ToProblem().ExecuteAsync(http);
            return;
        }

        var (id, reader) = hub.Subscribe();
        try
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(http, ": connected\nretry: 5000\n\n", cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(Heartbeat);
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
                    if (await keys.ValidateAsync(key, cancellationToken) is null)
                    {
                        return;
                    }

                    await WriteAsync(http, ": heartbeat\n\n", cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            hub.Unsubscribe(id);
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
