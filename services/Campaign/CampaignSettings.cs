using System.ComponentModel.DataAnnotations;
using Iom.Campaign.Idempotency;
using Iom.Campaign.Public;
using Iom.Campaign.Retention;
using Iom.ServiceDefaults.Settings;

namespace Iom.Campaign;

/// <summary>Every setting of the Campaign service, bound and validated at start-up (a bad value stops the start naming it).</summary>
internal static class CampaignSettingsRegistration
{
    public static IServiceCollection AddCampaignSettings(this IServiceCollection services)
    {
        services.AddSettings<CampaignSettings>(CampaignSettings.Section);
        services.AddSettings<CampaignDemoSettings>(CampaignDemoSettings.Section);
        IdempotencyOptions.Register(services);
        ReportOptions.Register(services);
        RetentionOptions.Register(services);
        return services;
    }
}

/// <summary>The <c>Campaign</c> section's own keys.</summary>
internal sealed class CampaignSettings
{
    public const string Section = "Campaign";

    /// <summary>How often testimonies scheduled for publication are looked for: 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>The demo data's part of the <c>Demo</c> section (Demo:Enabled is ServiceDefaults' DemoMode).</summary>
internal sealed class CampaignDemoSettings
{
    public const string Section = "Demo";

    /// <summary>How often the seeder looks for the partners the Registry's events bring: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan PartnerPollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
