using System.Net;
using Xunit;

namespace Iom.Media.Tests.Feeds;

public sealed class StreamTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task The_live_stream_delivers_a_publish()
    {
        var feedClient = api.Feed(await api.NewKeyAsync());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await feedClient.GetAsync("/feeds/stream", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        Assert.StartsWith(":", await reader.ReadLineAsync(cts.Token), StringComparison.Ordinal); // connected, subscribed

        var id = await api.PublishedAsync("Live " + Guid.NewGuid());

        string? eventName = null;
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(id.ToString(), StringComparison.Ordinal))
            {
                Assert.Equal("story-published", eventName);
                return;
            }
        }

        Assert.Fail("The stream ended without the publication.");
    }

    [Fact]
    public async Task The_stream_refuses_a_missing_key()
    {
        var response = await media.CreateClient().GetAsync("/feeds/stream");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
