namespace Iom.Consultations.Demo;

public static class DemoData
{
    /// <summary>With Demo:Enabled, seeds the demo consultations at start-up (through the use cases) when there are none.</summary>
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }
}
