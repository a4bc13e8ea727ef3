namespace Iom.Media.Demo;

public static class MediaDemoDataRegistration
{
    public static IHostApplicationBuilder AddMediaDemoData(this IHostApplicationBuilder builder) => builder;
}
