using Iom.ServiceDefaults.Settings;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Retention;

/// <summary>Campaign:Retention — how long Campaign keeps personal data it no longer needs (docs/adr/0007-campaign-reports-retention-idempotency.md).</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Campaign:Retention";

    /// <summary>A rejected testimony's content is erased this long after the rejection: 30 days.</summary>
    public TimeSpan RejectedTestimonies { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A pending testimony no moderator answered is erased (state "expired") this long after it was queued: 180 days.</summary>
    public TimeSpan UnansweredTestimonies { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Volunteer sign-ups (name, contact) are deleted this long after their action ended (or was cancelled): 90 days.</summary>
    public TimeSpan SignupContacts { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first pass comes this long after start: 1 minute. Infinite (-00:00:00.001) turns the background pass off.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows per transaction, so no pass holds many row locks at once: 200.</summary>
    public int ChunkSize { get; set; } = 200;

    public static void Register(IServiceCollection services) =>
        services.AddSettings<RetentionOptions>(Section)
            .Validate(o => o.RejectedTestimonies >= TimeSpan.FromDays(1), $"{Section}:RejectedTestimonies must be at least 1 day.")
            .Validate(o => o.UnansweredTestimonies >= TimeSpan.FromDays(1), $"{Section}:UnansweredTestimonies must be at least 1 day.")
            .Validate(o => o.SignupContacts >= TimeSpan.Zero, $"{Section}:SignupContacts must not be negative.")
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), $"{Section}:Interval must be at least 1 second.")
            .Validate(o => o.InitialDelay >= TimeSpan.Zero || o.InitialDelay == Timeout.InfiniteTimeSpan, $"{Section}:InitialDelay must not be negative (except infinite, -00:00:00.001).")
            .Validate(o => o.ChunkSize is >= 1 and <= 10_000, $"{Section}:ChunkSize must be between 1 and 10000.");
}
