using Iom.ServiceDefaults.Data;
using Iom.ServiceDefaults.Outages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Iom.Data;

/// <summary>How a service gets its database: one line in Program.cs, the only place a service's DbContext is registered.</summary>
public static class DatabaseRegistration
{
    /// <summary>
    /// The service's own PostgreSQL database through EF Core, with Aspire's health check and telemetry. No retrying
    /// execution strategy: consumers and the relay use explicit transactions, and MassTransit's retry covers transient
    /// failures. Messaging's <c>AddMessaging</c> adds its after-commit hook (which also wakes the relay) to this context.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        // Short connect and command timeouts: a database that is away is a quick 503, not a request hanging 30 s.
        connectionString = DependencyTimeouts.From(builder.Configuration).ApplyTo(connectionString);
        builder.Services.TryAddSingleton(new DatabaseLock(connectionString));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<TDbContext>(options => options
            .UseNpgsql(connectionString)
            // EF writes an error line for every connection that fails to open and every query that fails while it
            // reads, before the exception reaches our code — which then says what it means at its real level: a 503
            // with a warning (OutageExceptionHandler), a relay pass that logs and retries, a consumer retry and then the
            // error queue (the queue monitor warns), a bug as ASP.NET's or MassTransit's error line. Those two events
            // (only them: EF's other query warnings stay) were red counts in the dashboard on every crowded start.
            .ConfigureWarnings(w => w.Log((RelationalEventId.ConnectionError, LogLevel.Debug), (CoreEventId.QueryIterationFailed, LogLevel.Debug))));
        builder.EnrichNpgsqlDbContext<TDbContext>(settings => settings.DisableRetry = true);
        return builder;
    }
}
