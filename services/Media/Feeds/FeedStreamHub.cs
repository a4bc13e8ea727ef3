using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>A change on the feed, as the live stream announces it (no story text: clients fetch the feed).</summary>
/// <param name="Type">story-published, story-corrected or story-withdrawn.</param>
public sealed record FeedChange(string Type, Guid StoryId, DateTimeOffset Updated, IReadOnlyList<string> Themes, IReadOnlyList<string> Regions, IReadOnlyList<string> Languages);

/// <summary>
/// Fans feed changes out to the Server-Sent-Events clients of every replica through Redis pub/sub: a change is
/// published on "media:feed-changes" after its commit; each replica subscribes once and writes to its own clients.
/// </summary>
public sealed class FeedStreamHub(IConnectionMultiplexer redis, RedisNames names) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, Channel<FeedChange>> clients = new();
    private readonly RedisChannel channelName = RedisChannel.Literal(names.Prefix + "feed-changes");

    public static JsonSerializerOptions JsonOptions => Json;

    public Task PublishAsync(FeedChange change) =>
        redis.GetSubscriber().PublishAsync(channelName, JsonSerializer.Serialize(change, Json));

    public (Guid Id, ChannelReader<FeedChange> Reader) Subscribe()
    {
        var id = Guid.NewGuid();
        var channel = System.Threading.Channels.Channel.CreateBounded<FeedChange>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        clients[id] = channel;
        return (id, channel.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (clients.TryRemove(id, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().SubscribeAsync(channelName, (_, message) =>
        {
            if (message.IsNullOrEmpty || JsonSerializer.Deserialize<FeedChange>(message.ToString(), Json) is not { } change)
            {
                return;
            }

            foreach (var client in clients.Values)
            {
                client.Writer.TryWrite(change);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(channelName);
}
