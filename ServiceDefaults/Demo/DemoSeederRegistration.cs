using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Iom.ServiceDefaults.Demo;

/// <summary>
/// How a service registers its demo seeder: <c>builder.AddDemoSeeder&lt;DemoSeeder&gt;()</c>, under <see cref="DemoMode"/>'s rule;
/// only a <see cref="DemoDataSeeder"/> is accepted, so every seeder waits for a slow server and never takes its service down.
/// </summary>
public static class DemoSeederRegistration
{
    /// <summary>Registers the service's demo seeder when Demo:Enabled is true; otherwise nothing of the demo runs.</summary>
    public static IHostApplicationBuilder AddDemoSeeder<TSeeder>(this IHostApplicationBuilder builder)
        where TSeeder : DemoDataSeeder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (DemoMode.IsEnabled(builder.Configuration))
        {
            builder.Services.AddHostedService<TSeeder>();
        }

        return builder;
    }
}
