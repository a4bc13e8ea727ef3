using System.Net.Http.Headers;

namespace Iom.Together.Gateway;

/// <summary>Media's public story route, through the gateway: published stories only (410 once withdrawn).</summary>
public sealed class MediaApi(HttpClient client)
{
    /// <summary>Reads a story; with the ETag the reader already has, Media answers 304 and nothing is rendered.</summary>
    public Task<ApiAnswer<PublicStory>> GetStoryAsync(Guid id, string? ifNoneMatch, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/media/public/stories/{id}");
        if (ifNoneMatch is not null && EntityTagHeaderValue.TryParse(ifNoneMatch, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        return ApiCalls.SendAsync<PublicStory>(client, request, ct);
    }
}

public sealed record StoryCorrection(string Note, DateTimeOffset? At);

public sealed record PublicStory(
    Guid Id, string Headline, string? Summary, string? Body, IReadOnlyList<string> Themes, IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages, string? Attribution, string? UsageTerms, DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt,
    StoryCorrection? Correction);
