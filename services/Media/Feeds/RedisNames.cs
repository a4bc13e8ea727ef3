using Microsoft.Extensions.Options;

namespace Iom.Media.Feeds;

/// <summary>The prefix of every Redis key and channel of this service (Media:RedisPrefix, default "media:"), so test hosts and environments sharing a Redis stay apart.</summary>
public sealed class RedisNames(IOptions<MediaSettings> settings)
{
    public string Prefix { get; } = settings.Value.RedisPrefix;
}
