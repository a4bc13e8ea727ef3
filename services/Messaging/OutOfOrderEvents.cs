using Microsoft.EntityFrameworkCore;

namespace Iom.Messaging;

/// <summary>
/// The one rule for a read-model row built from another service's events, which travel on different queues and are
/// retried and replayed independently, so they arrive in any order (a suspension before the registration):
/// <list type="bullet">
/// <item>a status event for an unknown row creates a placeholder holding that status and the event's time;</item>
/// <item>the registration (the event with the details) fills them in — on the placeholder if there is one — and sets
/// its initial status only if no later status was applied (<see cref="StatusFromEvents.ApplyStatus{TStatus}"/>).</item>
/// </list>
/// Campaign, Consultations and Media keep their partner read models by it (an architecture test checks they do).
/// </summary>
public static class OutOfOrderEvents
{
    /// <summary>
    /// Applies a status event to <paramref name="found"/>, or to a new placeholder from <paramref name="placeholder"/>.
    /// Returns the row and whether the status was applied (false: a later status stands).
    /// </summary>
    public static (TRow Row, bool Applied) ApplyStatusEvent<TRow, TStatus>(
        this DbContext db, TRow? found, Func<TRow> placeholder, TStatus status, DateTimeOffset at)
        where TRow : class, IStatusFromEvents<TStatus>
        where TStatus : struct, Enum
    {
        var row = found ?? AddPlaceholder<TRow, TStatus>(db, placeholder);
        return (row, row.ApplyStatus(status, at));
    }

    /// <summary>
    /// Applies the registration: <paramref name="fillDetails"/> on <paramref name="found"/> (a placeholder or not) or on
    /// a new row, then <paramref name="initial"/> as its status unless a later status event was applied already.
    /// </summary>
    public static TRow ApplyRegistration<TRow, TStatus>(
        this DbContext db, TRow? found, Func<TRow> create, Action<TRow> fillDetails, TStatus initial, DateTimeOffset at)
        where TRow : class, IStatusFromEvents<TStatus>
        where TStatus : struct, Enum
    {
        var row = found ?? AddPlaceholder<TRow, TStatus>(db, create);
        fillDetails(row);
        row.ApplyStatus(initial, at);
        return row;
    }

    /// <summary>A row known only from events that are not its registration: any status event is newer than it.</summary>
    public static TRow AddPlaceholder<TRow, TStatus>(this DbContext db, Func<TRow> placeholder)
        where TRow : class, IStatusFromEvents<TStatus>
        where TStatus : struct, Enum
    {
        var row = placeholder();
        row.StatusChangedAt = DateTimeOffset.MinValue;
        db.Add(row);
        return row;
    }
}
