using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace Iom.ServiceDefaults.Logging;

/// <summary>
/// Log levels every process starts from: our own code at Information, the libraries' chatter (Redis connection logs,
/// MassTransit's bus start-up, EF Core's commands, the HTTP client's per-request lines) at Warning — their warnings
/// and errors still show. These are the lowest-priority configuration: appsettings or the environment override them.
/// </summary>
internal static class LoggingDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        // The Redis client logs each failed (re)connect attempt as an error while it keeps trying on its own; the code
        // that uses Redis reports the outage once and falls back (the feed's invalidation channel, the gateway's rate
        // limiter), and each resource's health column shows it.
        ["Logging:LogLevel:StackExchange.Redis"] = "Critical",
        ["Logging:LogLevel:Aspire.StackExchange.Redis"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
        // The health-check service writes an error line for every probe that finds a dependency away — each poll of
        // /health while a service starts (its bus not yet connected), which showed as error counts in the dashboard on
        // a clean start. Health is reported where operators read it: /health (named checks) and the dashboard's health
        // column; the outage itself is logged by the code that meets it (the relay, the queue monitor, the 503 handler).
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService"] = "Critical",
    };

    public static TBuilder AddLoggingDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // First source = lowest priority; ConfigurationManager reloads when its sources change.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
