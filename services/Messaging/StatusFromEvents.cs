namespace Iom.Messaging;

/// <summary>
/// A read-model row whose status is set by another service's events. Those events travel on different queues and
/// are retried independently, so a suspension can arrive after the reinstatement that followed it: the time of the
/// event that last set the status decides, not the order of arrival.
/// </summary>
public interface IStatusFromEvents<TStatus>
    where TStatus : struct, Enum
{
    TStatus Status { get; set; }

    /// <summary>Time of the event that last set <see cref="Status"/> (its own timestamp, not the arrival time).</summary>
    DateTimeOffset StatusChangedAt { get; set; }
}

public static class StatusFromEvents
{
    /// <summary>
    /// Applies a status event unless a later one was applied already. Returns false for a stale event (nothing
    /// changes); true when applied, whether or not the status value changed.
    /// </summary>
    public static bool ApplyStatus<TStatus>(this IStatusFromEvents<TStatus> row, TStatus status, DateTimeOffset at)
        where TStatus : struct, Enum
    {
        if (at < row.StatusChangedAt)
        {
            return false;
        }

        row.Status = status;
        row.StatusChangedAt = at;
        return true;
    }
}
