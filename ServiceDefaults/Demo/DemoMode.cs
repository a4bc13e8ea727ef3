using Iom.ServiceDefaults.Hosting;
using Iom.ServiceDefaults.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Iom.ServiceDefaults.Demo;

/// <summary>
/// The one rule for demo data, used by every service's Demo/ folder: seeded only when Demo:Enabled is true (off by
/// default, in every environment; the AppHost's Development settings turn it on), and the documented demo secrets
/// (the demo feed key) only where development secrets are allowed (<see cref="DevelopmentOnly"/>), never in
/// production even with Demo:Enabled.
/// </summary>
public static class DemoMode
{
    public const string Section = "Demo";

    public const string EnabledSetting = Section + ":" + nameof(DemoSettings.Enabled);

    /// <summary>Read while the services are registered (it decides whether a seeder is), validated like every setting.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.ReadSettings<DemoSettings>(Section).Enabled;

    /// <summary>Whether a documented, public demo secret (such as the demo feed key) may be seeded here.</summary>
    public static bool MaySeedDocumentedSecrets(IHostEnvironment environment) => DevelopmentOnly.IsAllowedIn(environment);
}

/// <summary>The shared part of the <c>Demo</c> section; each service's seeder binds its own waits from the same section.</summary>
internal sealed class DemoSettings
{
    public bool Enabled { get; set; }
}
