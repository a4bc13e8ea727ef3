using Iom.ServiceDefaults.Errors;
using Iom.ServiceDefaults.Health;
using Iom.ServiceDefaults.Hosting;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.Logging;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Outages;
using Iom.ServiceDefaults.Security;
using Iom.ServiceDefaults.Settings;
using Iom.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every process of the suite has: telemetry to the dashboard, health endpoints,
/// service discovery, resilient HttpClients and ProblemDetails for every error.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks carrying this tag decide readiness (/health); /alive only says the process runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Activity sources and meters of our own code, exported like the framework's.</summary>
    public const string TelemetryPrefix = "Iom.";

    /// <summary>
    /// How long a stopping process (SIGTERM) may take to finish in-flight requests and messages (MassTransit's own
    /// stop timeout, 15 s, fits inside); "Shutdown:Timeout" in configuration.
    /// </summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(20);

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddLoggingDefaults();
        builder.Services.AddSettings<ShutdownSettings>(ShutdownSettings.Section);
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownSettings>>((options, shutdown) => options.ShutdownTimeout = shutdown.Value.Timeout);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.AddProblemDetailsDefaults();
        builder.Services.AddInputRules();
        builder.AddSuiteAuthentication();
        builder.Services.AddOpenApi(options => options.AddSuiteSecuritySchemes().AddSuiteDocumentInfo(builder.Configuration).AddRequestExamples());
        return builder;
    }

    /// <summary>
    /// The request pipeline every process shares, in order: ProblemDetails for errors, authentication,
    /// authorization, then the health endpoints. Endpoints mapped after this carry their own policies.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="unknownPathsAreNotFound">
    /// True for the services: a path no endpoint serves is a 404 for everyone. The gateway passes false: at the edge, a
    /// path outside its route table is refused like any protected one (401 without a token), revealing nothing.
    /// </param>
    public static WebApplication UseServiceDefaults(this WebApplication app, bool unknownPathsAreNotFound = true)
    {
        // Behind the gateway: links a service writes (feeds, Location headers) use the host the caller used.
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        });
        app.UseProblemDetailsDefaults();
        app.UseInputRules();

        // A path that no endpoint serves is a 404 (as ProblemDetails) for everyone; otherwise the fallback policy
        // (authenticated) would answer an anonymous caller's typo under /public/ with a 401, as if the path existed.
        app.Use((context, next) =>
        {
            if (unknownPathsAreNotFound && context.GetEndpoint() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*")
                .AddMeter("MassTransit"))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new QuietBackgroundSampler()))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix + "*")
                .AddSource("MassTransit")
                .AddAspNetCoreInstrumentation(o =>
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        HealthCheckNaming.Register(builder.Services);
        DependencyTimeouts.ConfigureRedis(builder);
        return builder;
    }

    /// <summary>/health: ready when every dependency answers; /alive: the process runs. In every environment.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous()
            .DisableHttpMetrics();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("live"),
            ResponseWriter = HealthResponse.WriteAsync,
        })
            .AllowAnonymous()
            .DisableHttpMetrics();
        return app;
    }
}
