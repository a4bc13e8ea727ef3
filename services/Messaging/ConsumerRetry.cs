using System.ComponentModel.DataAnnotations;
using Iom.Data;
using MassTransit;

namespace Iom.Messaging;

/// <summary>The standard retry of every consumer ("Messaging:Retry"): five retries, exponential from 200 ms to 10 s.</summary>
internal sealed class ConsumerRetryOptions
{
    public const string Section = "Messaging:Retry";

    [Range(0, 100)]
    public int Limit { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Retry policies of consumers, configured once for every endpoint by <see cref="MessagingRegistration.AddMessaging{TDbContext}"/>:
/// no consumer definition repeats them.
/// </summary>
internal static class ConsumerRetry
{
    /// <summary>
    /// The standard retry, then MassTransit's error queue. A database outage is not counted here:
    /// <see cref="PauseWhileDatabaseIsAway"/> holds the message instead.
    /// </summary>
    public static void UseStandardRetry(this IReceiveEndpointConfigurator endpoint, ConsumerRetryOptions options) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(DatabaseErrors.IsTransient);
            r.Exponential(options.Limit, options.MinInterval, options.MaxInterval, options.IntervalDelta);
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
