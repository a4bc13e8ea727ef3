using Iom.ServiceDefaults.Data;
using Iom.ServiceDefaults.Outages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Iom.ServiceDefaults.Demo;

/// <summary>
/// The one way a service seeds its demo data (Demo:Enabled, registered with AddDemoSeeder): in the background after
/// start-up, never taking the service down. A server that does not answer in time — on a crowded machine the first
/// connections of a starting suite can pass the requests' short budgets — is waited for and the seeding tried again
/// (each seeder only seeds what is still empty, so a second attempt does not duplicate — nor finish a partial seed);
/// replicas take turns through a <see cref="DatabaseLock"/>. Any other failure, or an outage that outlasts the
/// attempts, is logged once as an error and the service runs on without demo data.
/// </summary>
public abstract partial class DemoDataSeeder(TimeProvider clock, ILogger logger, DatabaseLock databaseLock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>Attempts before an outage is given up on: about three minutes with the back-off below.</summary>
    public const int Attempts = 15;

    /// <summary>How long a replica waits for another one's seeding (which waits for partners for up to a few minutes).</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(15);

    protected abstract Task SeedAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Every replica runs its seeder; one seeds while the others wait, then find nothing left to seed.
                await using (await databaseLock.AcquireAsync(DatabaseLock.DemoData, LockWait, stoppingToken))
                {
                    await SeedAsync(stoppingToken);
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (DependencyOutage.Find(ex) is { } dependency && attempt < Attempts)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(2 * attempt, 15));
                LogRetrying(Logger, dependency, attempt, Attempts, delay.TotalSeconds);
                await Task.Delay(delay, Clock, stoppingToken);
            }
#pragma warning disable CA1031 // Demo data must never take the service down.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(Logger, ex);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Demo data: the {Dependency} did not answer in time (attempt {Attempt} of {Attempts}); trying again in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string dependency, int attempt, int attempts, double seconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Demo data could not be seeded; the service runs without it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
