using Iom.Media.Data;
using Iom.Media.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Media.Stories;

/// <summary>
/// Publishes scheduled stories at their time and embargoed stories when their embargo ends (every few seconds,
/// Media:Scheduler:Interval). Safe with several replicas: rows are taken FOR UPDATE SKIP LOCKED.
/// </summary>
internal sealed partial class StoryScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<StorySchedulerSettings> settings, ILogger<StoryScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        var lifecycle = scope.ServiceProvider.GetRequiredService<StoryLifecycle>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Stories
            .FromSql($"""
                SELECT *, xmin FROM stories
                WHERE ("Status" = 'Scheduled' AND "PublishAt" <= {now}) OR ("Status" = 'Embargoed' AND "EmbargoUntil" <= {now})
                ORDER BY "UpdatedAt" LIMIT 100 FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var story in due)
        {
            lifecycle.Publish(db, story, story.Status == StoryStatus.Embargoed ? "scheduler:embargo-ended" : "scheduler:publish-at");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Publishing due stories failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
