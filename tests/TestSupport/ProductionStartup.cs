using Microsoft.Extensions.Logging;
using Xunit;

namespace Iom.TestSupport;

/// <summary>Assertions on a host started outside Development with development settings: it must refuse, saying what to set.</summary>
public static class ProductionStartup
{
    /// <summary>What every refusal tells the operator to set.</summary>
    public const string Advice = "set Auth:Authority (environment variable Auth__Authority) to your identity provider's issuer URL";

    /// <summary>Starting fails; exactly one critical log line names the reason and what to set, and the failure carries that line.</summary>
    public static async Task AssertRefusedAsync(Func<Task> start, Func<CapturedLogs?> logs, string reason)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(start);
        var captured = logs() ?? throw new InvalidOperationException("The host kept no logs (RunIn was not called).");
        var refusal = Assert.Single(captured.Entries, e => e.Level == LogLevel.Critical);
        Assert.StartsWith("Auth: refusing to start in the 'Production' environment", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(Advice, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Message);
        Assert.Contains(refusal.Message, Messages(error), StringComparison.Ordinal);
    }

    private static string Messages(Exception error)
    {
        var all = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            all.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                all.AddRange(aggregate.InnerExceptions.Select(Messages));
            }
        }

        return string.Join(" | ", all);
    }
}

/// <summary>The same refusal checks for any service of the suite (each service's test project runs them for its Program).</summary>
public static class ProductionServiceStartup
{
    public static async Task AssertRefusesSigningKeyAsync<TProgram>(string databaseConnectionName)
        where TProgram : class
    {
        var host = new ProductionServiceFactory<TProgram>(databaseConnectionName, []);
        try
        {
            await ProductionStartup.AssertRefusedAsync(host.InitializeAsync, () => host.StartupLogs, "a symmetric signing key (Auth:SigningKey) is for Development only");
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync(); // the entry point migrated its database before the host refused to start
        }
    }

    public static async Task AssertRefusesMissingAuthorityAsync<TProgram>(string databaseConnectionName)
        where TProgram : class
    {
        var host = new ProductionServiceFactory<TProgram>(databaseConnectionName, [new("Auth:SigningKey", string.Empty), new("Auth:Authority", string.Empty)]);
        try
        {
            await ProductionStartup.AssertRefusedAsync(host.InitializeAsync, () => host.StartupLogs, "no identity provider is configured");
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }
}
