using System.Data.Common;
using System.Runtime.CompilerServices;
using Iom.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Iom.Messaging;

/// <summary>
/// Work that must happen only once a change is committed — waking the outbox relay, evicting a cache entry,
/// blocking a revoked key in Redis, telling a live stream — never before (a reader could otherwise see or cache the
/// old state again) and never for a change that rolled back.
/// </summary>
public static class AfterCommitExtensions
{
    private static readonly ConditionalWeakTable<DbContext, List<Func<IServiceProvider, CancellationToken, Task>>> Pending = [];

    /// <summary>Runs <paramref name="action"/> after the context's current change commits; dropped if it fails or rolls back.</summary>
    public static void AfterCommit(this DbContext db, Func<IServiceProvider, CancellationToken, Task> action)
    {
        lock (Pending)
        {
            Pending.GetOrCreateValue(db).Add(action);
        }
    }

    /// <inheritdoc cref="AfterCommit(DbContext, Func{IServiceProvider, CancellationToken, Task})"/>
    public static void AfterCommit(this DbContext db, Func<CancellationToken, Task> action) =>
        db.AfterCommit((_, cancellationToken) => action(cancellationToken));

    internal static List<Func<IServiceProvider, CancellationToken, Task>> Take(DbContext db)
    {
        lock (Pending)
        {
            return Pending.TryGetValue(db, out var actions) && Pending.Remove(db) ? actions : [];
        }
    }

    internal static void Drop(DbContext db)
    {
        lock (Pending)
        {
            Pending.Remove(db);
        }
    }
}

/// <summary>
/// Runs the after-commit actions of a DbContext: right after SaveChanges for an implicit transaction, at commit for an
/// explicit one (consumers, row-locking use cases). Staging an outbox row registers the relay's wake-up this way.
/// A failing action is logged, not thrown: the change is already committed.
/// </summary>
internal sealed partial class AfterCommitInterceptor(IServiceProvider services, OutboxSignal signal, ILogger<AfterCommitInterceptor> logger)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        WakeRelayIfStaged(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        WakeRelayIfStaged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            RunAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            await RunAsync(db, cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            AfterCommitExtensions.Drop(db);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            RunAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            await RunAsync(db, cancellationToken);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            AfterCommitExtensions.Drop(db);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void WakeRelayIfStaged(DbContext? db)
    {
        if (db is not null && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            db.AfterCommit(_ =>
            {
                signal.Notify();
                return Task.CompletedTask;
            });
        }
    }

    private async Task RunAsync(DbContext db, CancellationToken cancellationToken)
    {
        foreach (var action in AfterCommitExtensions.Take(db))
        {
            try
            {
                await action(services, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An after-commit action failed; the change itself is committed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
