using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Iom.Messaging.Inbox;

/// <summary>
/// A consumer whose effect happens once per message: the inbox row (message id, consumer) and the
/// consumer's changes commit in one transaction. A redelivered message finds its row and is acknowledged
/// without a second effect; a failure rolls both back, so the retry (and then the error queue) sees it again.
/// </summary>
public abstract class IdempotentConsumer<TDbContext, TMessage>(TDbContext db) : IConsumer<TMessage>
    where TDbContext : DbContext
    where TMessage : class
{
    private static readonly string InsertSql =
        $"INSERT INTO {OutboxInboxModel.InboxTable} (message_id, consumer, processed_at) VALUES ({{0}}, {{1}}, now()) ON CONFLICT DO NOTHING";

    protected TDbContext Db { get; } = db;

    /// <summary>The consumer's name in the inbox key; stable across deployments.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        await using var transaction = await Db.Database.BeginTransactionAsync(context.CancellationToken);
        try
        {
            var firstTime = await Db.Database.ExecuteSqlRawAsync(InsertSql, [messageId, ConsumerName], context.CancellationToken) == 1;
            if (!firstTime)
            {
                await transaction.RollbackAsync(context.CancellationToken);
                return;
            }

            await HandleAsync(context.Message, context);
            await Db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch
        {
            Db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>The effect: change tracked entities (and stage events); saved and committed with the inbox row.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);
}
