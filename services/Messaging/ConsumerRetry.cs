using MassTransit;

namespace Iom.Messaging;

/// <summary>Named retry policies a consumer definition can choose (next to its consumer).</summary>
public static class ConsumerRetry
{
    /// <summary>Five retries, exponential from 200 ms to 10 s; then MassTransit's error queue.</summary>
    public static void UseStandardRetry(this IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
}
