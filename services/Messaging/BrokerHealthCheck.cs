using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Iom.Messaging;

/// <summary>
/// "rabbitmq" in /health: Healthy only while the bus is connected and every receive endpoint runs. MassTransit's
/// own check says "Degraded" (a 200) while the broker is away — but every service publishes through its outbox, and
/// a service that cannot publish (or consume) is not ready, so here anything short of healthy is Unhealthy (503).
/// </summary>
internal sealed class BrokerHealthCheck(IBusControl bus) : IHealthCheck
{
    public const string Name = "rabbitmq";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        return Task.FromResult(health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy(health.Description)
            : new HealthCheckResult(context.Registration.FailureStatus, health.Description));
    }

    /// <summary>Adds the check and takes MassTransit's "masstransit-bus" out, so the broker shows once, under its name.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<BrokerHealthCheck>(Name, HealthStatus.Unhealthy, ["ready"]);
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var own in options.Registrations.Where(r => r.Name.StartsWith("masstransit", StringComparison.Ordinal)).ToList())
            {
                options.Registrations.Remove(own);
            }
        });
    }
}
