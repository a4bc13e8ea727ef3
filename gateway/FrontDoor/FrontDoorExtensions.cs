using System.Net;
using Iom.ServiceDefaults.Settings;
using Microsoft.AspNetCore.HttpOverrides;

namespace Iom.Gateway.FrontDoor;

/// <summary>
/// What every request meets first: the client's real address and scheme from trusted proxies, HTTPS outside
/// Development, a correlation id, security headers without a server banner, and CORS for the app's origins.
/// </summary>
internal static class FrontDoorExtensions
{
    /// <summary>Headers a browser app may send and read across origins.</summary>
    private static readonly string[] CorsRequestHeaders =
        ["Authorization", "Content-Type", "Accept", "If-Match", "If-None-Match", "Idempotency-Key", CorrelationId.Header, "X-Feed-Key", "traceparent"];

    private static readonly string[] CorsExposedHeaders = ["Location", "ETag", "Retry-After", CorrelationId.Header, "traceparent"];

    public static WebApplicationBuilder AddFrontDoor(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.AddSettings<FrontDoorSettings>(FrontDoorSettings.Section);
        builder.Services.AddSingleton(settings);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardedHeaders.ForwardLimit;
            foreach (var proxy in settings.ForwardedHeaders.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.ForwardedHeaders.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            policy.WithOrigins([.. settings.Cors.Origins])
                .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders(CorsRequestHeaders)
                .WithExposedHeaders(CorsExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseFrontDoor(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<FrontDoorSettings>().HttpsRedirection)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<CorrelationId>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseCors();
        return app;
    }
}
