using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Messaging.Outbox;

/// <summary>An outbox row the relay parked after repeated failures of its own (its body is not shown: it may carry personal data).</summary>
internal sealed record ParkedRow(long Sequence, Guid MessageId, string MessageType, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset ParkedAt, string? LastError);

/// <summary>Operations' hold on parked outbox rows: list them, and put them back in the relay's way once the cause is fixed.</summary>
internal interface IParkedOutbox
{
    Task<IReadOnlyList<ParkedRow>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Unparks one row (by sequence) or all; their attempts start again from zero. Returns how many.</summary>
    Task<int> ResendAsync(long? sequence, CancellationToken cancellationToken);
}

internal sealed class ParkedOutbox<TDbContext>(IServiceScopeFactory scopes, OutboxSignal signal) : IParkedOutbox
    where TDbContext : DbContext
{
    public async Task<IReadOnlyList<ParkedRow>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ParkedAt != null)
            .OrderBy(m => m.Sequence)
            .Take(limit)
            .Select(m => new ParkedRow(m.Sequence, m.MessageId, m.MessageType, m.CreatedAt, m.Attempts, m.ParkedAt!.Value, m.LastError))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> ResendAsync(long? sequence, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var moved = await db.Set<OutboxMessage>()
            .Where(m => m.ParkedAt != null && (sequence == null || m.Sequence == sequence))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ParkedAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0), cancellationToken);
        if (moved > 0)
        {
            signal.Notify();
        }

        return moved;
    }
}
