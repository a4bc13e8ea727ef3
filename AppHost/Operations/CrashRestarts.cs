using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Iom.AppHost.Operations;

/// <summary>
/// Aspire 13 has no restart policy for project resources (DCP restarts nothing), so the AppHost supervises them: a
/// service whose process exits unexpectedly (it was Running, nobody asked it to stop, the exit code is not 0) is started
/// again through the resource's own Start command — so it keeps its proxied endpoint and the dashboard shows the new
/// run — after a back-off of 1, 2, 4 … up to 30 s (reset once it has run for a minute). Each restart is written to the
/// resource's console log. "Operations:RestartCrashed" = false turns it off.
/// Server processes of cluster mode that may safely come back as they were (a RabbitMQ node rejoins its cluster, a Redis
/// node or Sentinel is told its role by the Sentinels) carry a <see cref="RestartOnCrashAnnotation"/> and are supervised
/// the same way; a PostgreSQL node is not (a killed primary restarted beside a promoted standby would be a second primary).
/// </summary>
internal sealed partial class CrashRestarts(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    DistributedApplicationModel model,
    IHostApplicationLifetime lifetime,
    ILogger<CrashRestarts> logger) : BackgroundService
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private static readonly HashSet<string> Ended = new(StringComparer.Ordinal)
    {
        KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart,
    };

    private readonly ConcurrentDictionary<string, Supervised> instances = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var projects = model.Resources
            .Where(r => r is ProjectResource || r.Annotations.OfType<RestartOnCrashAnnotation>().Any())
            .ToDictionary(r => r.Name, StringComparer.Ordinal);
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (!projects.TryGetValue(change.Resource.Name, out var project) || lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    continue;
                }

                var state = change.Snapshot.State?.Text;
                var supervised = instances.GetOrAdd(change.ResourceId, _ => new Supervised());
                var previous = supervised.LastState;
                supervised.LastState = state;
                if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
                {
                    supervised.RunningSince = DateTimeOffset.UtcNow;
                }

                if (!Ended.Contains(state ?? string.Empty)
                    || !(previous == KnownResourceStates.Running || previous == KnownResourceStates.Starting)
                    || change.Snapshot.ExitCode is null or 0
                    || supervised.RestartPending)
                {
                    continue;
                }

                if (supervised.RunningSince is { } since && DateTimeOffset.UtcNow - since > StableAfter)
                {
                    supervised.Attempts = 0;
                }

                var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(supervised.Attempts, 5)));
                supervised.Attempts++;
                supervised.RestartPending = true;
                _ = RestartAsync(project, change.ResourceId, change.Snapshot.ExitCode.Value, delay, supervised, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(IResource project, string resourceId, int exitCode, TimeSpan delay, Supervised supervised, CancellationToken stoppingToken)
    {
        var console = resourceLogs.GetLogger(resourceId);
        try
        {
            LogCrash(console, exitCode, delay.TotalSeconds, supervised.Attempts);
            LogCrash(logger, project.Name, exitCode, delay.TotalSeconds, supervised.Attempts);
            await Task.Delay(delay, stoppingToken);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                LogRestartFailed(logger, project.Name, result.Message ?? "no reason given");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            supervised.RestartPending = false;
        }
    }

    private sealed class Supervised
    {
        public string? LastState { get; set; }

        public DateTimeOffset? RunningSince { get; set; }

        public int Attempts { get; set; }

        public bool RestartPending { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exited unexpectedly with code {ExitCode}; the AppHost starts it again in {Seconds} s (restart {Attempt})")]
    private static partial void LogCrash(ILogger logger, int exitCode, double seconds, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited unexpectedly with code {ExitCode}; starting it again in {Seconds} s (restart {Attempt})")]
    private static partial void LogCrash(ILogger logger, string resource, int exitCode, double seconds, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting {Resource} failed: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string reason);
}

/// <summary>Marks a resource other than a project that the AppHost starts again when it crashes (see <see cref="CrashRestarts"/>).</summary>
internal sealed class RestartOnCrashAnnotation : IResourceAnnotation;

internal static class CrashRestartsExtensions
{
    /// <summary>This resource is started again when it exits unexpectedly, as services are.</summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> resource)
        where T : IResource => resource.WithAnnotation(new RestartOnCrashAnnotation());

    /// <summary>Restarts services that crash (see <see cref="CrashRestarts"/>).</summary>
    public static IDistributedApplicationBuilder AddCrashRestarts(this IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Operations:RestartCrashed", true))
        {
            builder.Services.AddHostedService<CrashRestarts>();
        }

        return builder;
    }
}
