using MassTransit;

namespace Iom.Messaging;

/// <summary>Retry policies of consumers.</summary>
public static class ConsumerRetry
{
    /// <summary>
    /// Five retries, exponential from 200 ms to 10 s; then MassTransit's error queue. A database outage is not counted
    /// here: <see cref="PauseWhileDatabaseIsAway"/> holds the message instead.
    /// </summary>
    public static void UseStandardRetry(this IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(DatabaseErrors.IsTransient);
            r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        });

    /// <summary>
    /// While the consumer's database is away, a message is retried in place (every 0.5 s growing to 5 s, without limit)
    /// instead of going to the error queue: it stays unacknowledged, the endpoint's concurrency limit stops it taking
    /// more, so the consumer pauses; when the database returns, everything applies within seconds, with no replay.
    /// Configured once for every endpoint by <see cref="MessagingRegistration.AddMessaging{TDbContext}"/>.
    /// </summary>
    public static void PauseWhileDatabaseIsAway(this IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(DatabaseErrors.IsTransient);
            r.Exponential(int.MaxValue, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500));
        });
}
