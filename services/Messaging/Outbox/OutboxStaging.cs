using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Iom.Messaging.Outbox;

/// <summary>
/// Stages an integration event beside the business change: both are written by the same SaveChanges,
/// in one transaction, and the relay publishes the event after the commit.
/// </summary>
public static class OutboxStaging
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage StageEvent<TEvent>(this DbContext db, TEvent @event, TimeProvider? clock = null)
        where TEvent : class
    {
        var type = @event.GetType();
        var message = new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(),
            MessageType = TypeName(type),
            Body = JsonSerializer.Serialize(@event, type, Json),
            TraceParent = Activity.Current?.Id,
            CreatedAt = (clock ?? TimeProvider.System).GetUtcNow(),
        };
        db.Set<OutboxMessage>().Add(message);
        return message;
    }

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
