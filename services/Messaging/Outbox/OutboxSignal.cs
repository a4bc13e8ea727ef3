namespace Iom.Messaging.Outbox;

/// <summary>
/// Wakes the relay right after a commit that staged events. Signals coalesce: many commits while the
/// relay is busy cause one more pass, not one per commit.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim pending = new(0, 1);

    public void Notify()
    {
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the relay will look once more anyway.
        }
    }

    /// <summary>Waits for a signal or the poll interval, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken) =>
        pending.WaitAsync(pollInterval, cancellationToken);
}
