using Iom.ServiceDefaults.Outages;

namespace Iom.TestSupport;

/// <summary>
/// A bounded poll for things that happen asynchronously (a consumer, a relay): no fixed sleeps. A probe that meets a
/// server answering too slowly for the service's short budgets (a crowded test machine) is asked again, like a value
/// not there yet; any other exception fails at once, and the last such timeout is the cause when the wait gives up.
/// </summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var delay = TimeSpan.FromMilliseconds(50);
        Exception? slow = null;
        while (true)
        {
            try
            {
                var value = await probe();
                if (value is not null && (value is not bool b || b))
                {
                    return value;
                }
            }
            catch (Exception ex) when (DependencyOutage.Find(ex) is not null)
            {
                slow = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting{(what is null ? string.Empty : " for " + what)} after {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds} s.", slow);
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 1.5));
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan? timeout = null, string? what = null) =>
        GetAsync<bool>(async () => await probe(), timeout, what);
}
