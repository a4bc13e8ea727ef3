namespace Iom.Consultations.Demo;

public static class DemoData
{
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder) => builder;
}
