using System.Collections.Concurrent;

namespace Iom.Messaging.ErrorQueues;

/// <summary>The receive queues this service's consumers were given, recorded as MassTransit configures them.</summary>
public sealed class ConsumerQueues
{
    private readonly ConcurrentDictionary<string, byte> names = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => names.Keys.Order(StringComparer.Ordinal).ToList();

    public bool Contains(string name) => names.ContainsKey(name);

    internal void Add(string name) => names.TryAdd(name, 0);
}
