namespace Iom.Campaign.Demo;

public static class DemoDataRegistration
{
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }
}
