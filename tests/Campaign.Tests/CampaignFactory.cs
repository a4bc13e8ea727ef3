using System.Collections.Concurrent;
using Iom.Campaign.Data;
using Iom.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iom.Campaign.Tests;

public class CampaignFactory : ServiceFactory<Program>
{
    public CampaignFactory()
        : base("campaigndb")
    {
        // Scheduled publishing is checked often in tests, so a testimony scheduled a second ahead goes out promptly.
        Set("Campaign:SchedulerInterval", "00:00:00.300");
    }

    /// <summary>Every log line the service wrote, at every level (messages, scopes and exceptions).</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        });
    }

    /// <summary>Runs a query against the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<CampaignDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CampaignDbContext>());
    }
}

/// <summary>The service as the AppHost starts it for a demo: Demo:Enabled seeds its data.</summary>
public sealed class DemoCampaignFactory : CampaignFactory
{
    public DemoCampaignFactory()
    {
        Set("Demo:Enabled", "true");
        Set("Demo:PartnerPollInterval", "00:00:00.300");
    }
}

/// <summary>Keeps what the host logs, to check that personal content never reaches the logs.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            capture.lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception} {state}");
    }
}
