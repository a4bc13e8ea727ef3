extern alias media;

using Iom.TestSupport;

namespace Iom.Campaign.Tests.Receipts;

/// <summary>The Media service in the same test process, on the same servers: it consumes what Campaign publishes.</summary>
public sealed class MediaHost : ServiceFactory<media::Program>
{
    public MediaHost()
        : base("mediadb")
    {
        Set("Media:RedisPrefix", $"{QueuePrefix}:");
    }
}
