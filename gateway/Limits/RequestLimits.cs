using Iom.Gateway.FrontDoor;
using Iom.ServiceDefaults.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Forwarder;

namespace Iom.Gateway.Limits;

/// <summary>Configuration "Gateway:Limits". A route may raise the body size (MaxRequestBodySize) and time (Timeout).</summary>
internal sealed class RequestLimitSettings
{
    public const string Section = "Gateway:Limits";

    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 64;

    public int MaxRequestLineSize { get; set; } = 8 * 1024;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Body, header and time limits. Kestrel refuses oversized header sections (431) and request lines (414) itself;
/// bodies are limited per route (the route's MaxRequestBodySize, else the default) with a 413 ProblemDetails,
/// both when Content-Length announces too much and when a chunked body runs over while being forwarded.
/// </summary>
internal static class RequestLimits
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limits = builder.AddSettings<RequestLimitSettings>(RequestLimitSettings.Section);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineSize;
        });
        builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = limits.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            WriteTimeoutResponse = context => GatewayProblems.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "The request took too long."),
        });
        return builder;
    }

    /// <summary>413 before anything is forwarded when the announced body is over the route's limit.</summary>
    public static IReverseProxyApplicationBuilder UseRequestBodyLimit(this IReverseProxyApplicationBuilder proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        proxy.Use(async (context, next) =>
        {
            var limit = context.GetReverseProxyFeature().Route.Config.MaxRequestBodySize
                ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (limit is > 0 && context.Request.ContentLength > limit)
            {
                await TooLargeAsync(context, limit.Value);
                return;
            }

            await next();
        });
        return proxy;
    }

    /// <summary>Failures of forwarding (body over the limit, service unreachable, timeout) as ProblemDetails.</summary>
    public static IReverseProxyApplicationBuilder UseForwarderProblems(this IReverseProxyApplicationBuilder proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        proxy.Use(async (context, next) =>
        {
            await next();
            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted)
            {
                return;
            }

            if (IsBodyTooLarge(error.Exception))
            {
                var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;
                await TooLargeAsync(context, limit);
                return;
            }

            var (status, title) = error.Error switch
            {
                ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "The service did not answer in time."),
                ForwarderError.RequestCanceled when context.RequestAborted.IsCancellationRequested
                    && context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true
                    => (StatusCodes.Status504GatewayTimeout, "The request took too long."),
                ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled => (StatusCodes.Status400BadRequest, "The request body could not be read."),
                _ => (StatusCodes.Status502BadGateway, "The service could not be reached."),
            };
            await GatewayProblems.WriteAsync(context, status, title);
        });
        return proxy;
    }

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    private static Task TooLargeAsync(HttpContext context, long limit) =>
        GatewayProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large.",
            limit > 0 ? $"This route accepts at most {limit} bytes." : null);
}
