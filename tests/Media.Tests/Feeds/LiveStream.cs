using System.Net;
using Xunit;

namespace Iom.Media.Tests.Feeds;

/// <summary>An open /feeds/stream connection read line by line (connected once the first comment line arrived).</summary>
public sealed class LiveStream : IDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));

    private LiveStream(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public static async Task<LiveStream> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var stream = new LiveStream(response, reader);
        Assert.StartsWith(":", await reader.ReadLineAsync(stream.timeout.Token), StringComparison.Ordinal); // connected, subscribed
        return stream;
    }

    /// <summary>Reads until an event of the type about the story (fails if the stream ends or 20 s pass).</summary>
    public async Task WaitForAsync(string eventType, Guid storyId)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        wait.CancelAfter(TimeSpan.FromSeconds(20));
        string? eventName = null;
        while (await reader.ReadLineAsync(wait.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == eventType && line.Contains(storyId.ToString(), StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"The stream ended without {eventType} for {storyId}.");
    }

    /// <summary>Reads until the server ends the stream; returns when it did.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan limit)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        wait.CancelAfter(limit);
        try
        {
            while (await reader.ReadLineAsync(wait.Token) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        timeout.Cancel();
        reader.Dispose();
        response.Dispose();
        timeout.Dispose();
    }
}
