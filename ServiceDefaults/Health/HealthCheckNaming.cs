using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Iom.ServiceDefaults.Health;

/// <summary>
/// The checks behind /health, as operators read them in the dashboard: named after the server they probe
/// ("postgres", "rabbitmq", "redis"), each bounded in time, and Redis — a cache, never the truth — only "Degraded"
/// when away, so a service without Redis still counts as ready. PostgreSQL and the broker keep "Unhealthy" (503).
/// </summary>
internal sealed class HealthCheckNaming : IPostConfigureOptions<HealthCheckServiceOptions>
{
    public const string Postgres = "postgres";
    public const string Redis = "redis";

    /// <summary>A check that has not answered by then counts as failed.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public void PostConfigure(string? name, HealthCheckServiceOptions options)
    {
        foreach (var registration in options.Registrations)
        {
            if (registration.Name.EndsWith("DbContext", StringComparison.Ordinal))
            {
                registration.Name = Postgres;
            }
            else if (registration.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal))
            {
                registration.Name = Redis;
                registration.FailureStatus = HealthStatus.Degraded;
            }

            if (registration.Timeout == Timeout.InfiniteTimeSpan || registration.Timeout > CheckTimeout)
            {
                registration.Timeout = CheckTimeout;
            }
        }
    }

    public static void Register(IServiceCollection services) =>
        services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>, HealthCheckNaming>();
}
