using System.ComponentModel.DataAnnotations;
using Iom.Media.Feeds;
using Iom.ServiceDefaults.Settings;

namespace Iom.Media;

/// <summary>Every setting of the Media service, bound and validated at start-up (a bad value stops the start naming it).</summary>
internal static class MediaSettingsRegistration
{
    public static IServiceCollection AddMediaSettings(this IServiceCollection services)
    {
        services.AddSettings<MediaSettings>(MediaSettings.Section);
        services.AddSettings<FeedSettings>(FeedSettings.Section);
        services.AddSettings<FeedInvalidationSettings>(FeedInvalidationSettings.Section);
        services.AddSettings<FeedLimitOptions>(FeedLimitOptions.Section);
        services.AddSettings<FetchLogSettings>(FetchLogSettings.Section);
        services.AddSettings<RedisGuardSettings>(RedisGuardSettings.Section);
        services.AddSettings<EmbargoSettings>(EmbargoSettings.Section);
        services.AddSettings<StorySchedulerSettings>(StorySchedulerSettings.Section);
        services.AddSettings<MediaDemoSettings>(MediaDemoSettings.Section);
        return services;
    }
}

/// <summary>The <c>Media</c> section's own keys.</summary>
public sealed class MediaSettings
{
    public const string Section = "Media";

    /// <summary>The prefix of every Redis key and channel of this service, so hosts sharing a Redis stay apart: "media:".</summary>
    [Required(AllowEmptyStrings = false)]
    public string RedisPrefix { get; set; } = "media:";

    /// <summary>Whether the story made from a testimony Campaign published is published at once (true) or left for an editor.</summary>
    public bool AutoPublishTestimonies { get; set; } = true;
}

/// <summary>Media:Feed — the journalist feed's page size, and how many days the feed keeps its tombstones.</summary>
public sealed class FeedSettings
{
    public const string Section = "Media:Feed";

    [Range(1, 200)]
    public int PageSize { get; set; } = 20;

    [Range(1, 3650)]
    public int TombstoneRetentionDays { get; set; } = 30;
}

/// <summary>Media:Feeds — the replicas' invalidation heartbeat, and the silence after which a replica stops trusting it.</summary>
public sealed class FeedInvalidationSettings
{
    public const string Section = "Media:Feeds";

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan SilenceLimit { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>Media:FetchLog — how long feed fetches are kept, and how often the writer flushes them.</summary>
internal sealed class FetchLogSettings
{
    public const string Section = "Media:FetchLog";

    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Media:Redis — the feed path's budget per Redis call, and how long it skips Redis after one fails.</summary>
public sealed class RedisGuardSettings
{
    public const string Section = "Media:Redis";

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BreakFor { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Media:Embargo — whether a key's embargo access also needs its journalist's training.</summary>
public sealed class EmbargoSettings
{
    public const string Section = "Media:Embargo";

    public bool RequireTraining { get; set; }
}

/// <summary>Media:Scheduler — how often scheduled stories and ending embargoes are looked for.</summary>
internal sealed class StorySchedulerSettings
{
    public const string Section = "Media:Scheduler";

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The demo data's part of the <c>Demo</c> section (Demo:Enabled is ServiceDefaults' DemoMode).</summary>
internal sealed class MediaDemoSettings
{
    public const string Section = "Demo";

    /// <summary>How long the seeder waits for the demo partner from the Registry's events: 30 s.</summary>
    [Range(0, 3600)]
    public int PartnerWaitSeconds { get; set; } = 30;

    /// <summary>The documented demo feed key (Development only); default: the one in the README.</summary>
    public string? FeedKey { get; set; }
}
