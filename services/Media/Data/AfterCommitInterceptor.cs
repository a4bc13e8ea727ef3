using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Iom.Media.Data;

/// <summary>
/// Runs <see cref="MediaDbContext.AfterCommit"/> actions once the change is committed: right after SaveChanges
/// for an implicit transaction, at commit for an explicit one (consumers). A failing action is logged, not thrown:
/// the change is already committed, and every Redis entry those actions maintain also expires on its own.
/// </summary>
public sealed partial class AfterCommitInterceptor(ILogger<AfterCommitInterceptor> logger) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MediaDbContext db && db.Database.CurrentTransaction is null)
        {
            await RunAsync(db, cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is MediaDbContext db && db.Database.CurrentTransaction is null)
        {
            db.DropAfterCommitActions();
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MediaDbContext db)
        {
            await RunAsync(db, cancellationToken);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as MediaDbContext)?.DropAfterCommitActions();
        return Task.CompletedTask;
    }

    private async Task RunAsync(MediaDbContext db, CancellationToken cancellationToken)
    {
        foreach (var action in db.TakeAfterCommitActions())
        {
            try
            {
                await action(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "An after-commit action (cache eviction, key marker, live stream) failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
