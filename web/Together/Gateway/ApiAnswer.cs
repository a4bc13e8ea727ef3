using System.Net;
using System.Text.Json;

namespace Iom.Together.Gateway;

/// <summary>What a call through the gateway gave: a value, a refusal with the fields it names, or an outage.</summary>
public sealed record ApiAnswer<T>(HttpStatusCode Status, T? Value, IReadOnlyDictionary<string, string[]> Errors, string? ETag = null)
{
    public bool Ok => (int)Status is >= 200 and < 300 && Value is not null;

    public bool NotModified => Status == HttpStatusCode.NotModified;

    /// <summary>The gateway or the service could not answer (network, 5xx): the front shows a "try again" page (503).</summary>
    public bool Unavailable => (int)Status >= 500 || Status == 0;

    public bool TooManyRequests => Status == HttpStatusCode.TooManyRequests;

    public static ApiAnswer<T> Outage() => new(0, default, Empty);

    internal static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();
}

internal static class ApiCalls
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sends and reads the answer; an outage or a timeout is an answer too, never an exception for the page.</summary>
    internal static async Task<ApiAnswer<T>> SendAsync<T>(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var etag = response.Headers.ETag?.Tag;
            if (response.IsSuccessStatusCode)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return new ApiAnswer<T>(response.StatusCode, value, ApiAnswer<T>.Empty, etag);
            }

            var errors = ApiAnswer<T>.Empty;
            if (response.StatusCode == HttpStatusCode.BadRequest
                && response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
            {
                try
                {
                    var problem = await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken);
                    errors = problem?.Errors ?? errors;
                }
                catch (JsonException)
                {
                    // a 400 without a readable body: no field to name
                }
            }

            return new ApiAnswer<T>(response.StatusCode, default, errors, etag);
        }
        catch (HttpRequestException)
        {
            return ApiAnswer<T>.Outage();
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiAnswer<T>.Outage();
        }
        catch (JsonException)
        {
            return ApiAnswer<T>.Outage();
        }
    }

    private sealed record Problem(Dictionary<string, string[]>? Errors);
}
