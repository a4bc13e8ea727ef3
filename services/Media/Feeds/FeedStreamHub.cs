using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iom.Media.Feeds;

/// <summary>A change on the feed, as the live stream announces it (no story text: clients fetch the feed).</summary>
/// <param name="Type">story-published, story-corrected or story-withdrawn.</param>
public sealed record FeedChange(string Type, Guid StoryId, DateTimeOffset Updated, IReadOnlyList<string> Themes, IReadOnlyList<string> Regions, IReadOnlyList<string> Languages);

/// <summary>
/// Fans feed changes out to the Server-Sent-Events clients of every replica through Redis pub/sub: a change is
/// published on "media:feed-changes" after its commit; each replica subscribes once and writes to its own clients
/// (Redis away: to this replica's clients only). Open streams are capped per key and in total (<see cref="FeedLimitOptions"/>).
/// </summary>
public sealed class FeedStreamHub(IConnectionMultiplexer redis, RedisGuard guard, RedisNames names, IOptions<FeedLimitOptions> options) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, Channel<FeedChange>> clients = new();
    private readonly Dictionary<Guid, int> perKey = [];
    private readonly FeedLimitOptions limits = options.Value;
    private readonly CancellationTokenSource stopping = new();
    private Task subscribing = Task.CompletedTask;
    private readonly RedisChannel channelName = RedisChannel.Literal(names.Prefix + "feed-changes");

    public static JsonSerializerOptions JsonOptions => Json;

    public async Task PublishAsync(FeedChange change)
    {
        if (!(await guard.TryAsync(_ => redis.GetSubscriber().PublishAsync(channelName, JsonSerializer.Serialize(change, Json)))).Ok)
        {
            Deliver(change);
        }
    }

    /// <summary>Opens a stream for the key, or null when the key or this replica has as many open as allowed.</summary>
    public (Guid Id, ChannelReader<FeedChange> Reader)? TryOpen(Guid keyId)
    {
        lock (perKey)
        {
            var open = perKey.GetValueOrDefault(keyId);
            if (open >= limits.StreamsPerKey || clients.Count >= limits.StreamsTotal)
            {
                return null;
            }

            perKey[keyId] = open + 1;
            var id = Guid.NewGuid();
            var channel = System.Threading.Channels.Channel.CreateBounded<FeedChange>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
            clients[id] = channel;
            return (id, channel.Reader);
        }
    }

    public void Close(Guid id, Guid keyId)
    {
        lock (perKey)
        {
            if (clients.TryRemove(id, out var channel))
            {
                channel.Writer.TryComplete();
                perKey[keyId] = perKey.GetValueOrDefault(keyId) - 1;
                if (perKey[keyId] <= 0)
                {
                    perKey.Remove(keyId);
                }
            }
        }
    }

    private void Deliver(FeedChange change)
    {
        foreach (var client in clients.Values)
        {
            client.Writer.TryWrite(change);
        }
    }

    /// <summary>Subscribes in the background, retrying each second while Redis is away (the service starts without it).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscribing = Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await redis.GetSubscriber().SubscribeAsync(channelName, (_, message) =>
                    {
                        if (!message.IsNullOrEmpty && JsonSerializer.Deserialize<FeedChange>(message.ToString(), Json) is { } change)
                        {
                            Deliver(change);
                        }
                    });
                    return;
                }
                catch (RedisException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping.Token);
                }
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        try
        {
            await subscribing;
            await redis.GetSubscriber().UnsubscribeAsync(channelName).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            // Redis is away: the subscription goes with the connection.
        }
    }
}
