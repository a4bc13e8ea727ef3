using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Moderation;

/// <summary>
/// Publishes testimonies approved for a later date (the launch on 18 December) when their time comes. Rows are
/// claimed with FOR UPDATE SKIP LOCKED, so several replicas never publish one twice.
/// </summary>
internal sealed partial class ScheduledPublisher(IServiceScopeFactory scopes, IOptions<CampaignSettings> settings, TimeProvider clock, ILogger<ScheduledPublisher> logger)
    : BackgroundService
{
    public const string Actor = "system:scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = settings.Value.SchedulerInterval;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                while (await PublishDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var scheduled = nameof(TestimonyState.Scheduled);
        var due = await db.Testimonies
            .FromSql($"""SELECT *, xmin FROM testimonies WHERE "State" = {scheduled} AND "PublishAt" <= {now} ORDER BY "PublishAt" LIMIT 20 FOR UPDATE SKIP LOCKED""")
            .ToListAsync(cancellationToken);
        foreach (var testimony in due)
        {
            Publishing.Publish(db, testimony, Actor, now, clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (due.Count > 0)
        {
            LogPublished(logger, due.Count);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} scheduled testimonies")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled publishing failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
