using Iom.ServiceDefaults.Settings;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Idempotency;

/// <summary>Campaign:Idempotency — how long a key is held while its request runs, and how long an answer is kept.</summary>
internal sealed class IdempotencyOptions
{
    public const string Section = "Campaign:Idempotency";

    /// <summary>
    /// An in-progress request holds its key this long; a retry after a crash mid-request takes the key over once the
    /// lease has run out (30 s), instead of being refused as "still being processed".
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a concurrent retry waits for the first request to finish before a 409 with Retry-After: 10 s.</summary>
    public TimeSpan WaitForInProgress { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a completed answer is replayed (the retention job deletes older records): 24 hours.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    public static void Register(IServiceCollection services) =>
        services.AddSettings<IdempotencyOptions>(Section)
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(1) && o.Lease <= TimeSpan.FromMinutes(10), $"{Section}:Lease must be between 1 second and 10 minutes.")
            .Validate(o => o.WaitForInProgress >= TimeSpan.Zero && o.WaitForInProgress <= TimeSpan.FromMinutes(1), $"{Section}:WaitForInProgress must be between 0 and 1 minute.")
            .Validate(o => o.Retention >= TimeSpan.FromHours(1), $"{Section}:Retention must be at least 1 hour.");
}
