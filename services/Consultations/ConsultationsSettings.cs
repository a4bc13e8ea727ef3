using System.ComponentModel.DataAnnotations;
using Iom.ServiceDefaults.Settings;

namespace Iom.Consultations;

/// <summary>Every setting of the Consultations service, bound and validated at start-up (a bad value stops the start naming it).</summary>
internal static class ConsultationsSettingsRegistration
{
    public static IServiceCollection AddConsultationsSettings(this IServiceCollection services)
    {
        services.AddSettings<ConsultationsDemoSettings>(ConsultationsDemoSettings.Section);
        return services;
    }
}

/// <summary>The demo data's part of the <c>Demo</c> section (Demo:Enabled is ServiceDefaults' DemoMode).</summary>
internal sealed class ConsultationsDemoSettings
{
    public const string Section = "Demo";

    /// <summary>How long the seeder waits for the partners the Registry's events bring: 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PartnerWait { get; set; } = TimeSpan.FromMinutes(2);
}
