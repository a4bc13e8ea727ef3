using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Iom.ServiceDefaults.Errors;

/// <summary>
/// Every error leaves as RFC 9457 ProblemDetails: bad JSON names the field, an oversized body is a 413,
/// a server being away is a 503 with Retry-After,
/// and anything unexpected is a bare 500 without internals (logged with the trace id, never the body).
/// </summary>
internal static partial class ProblemDetailsDefaults
{
    public static TBuilder AddProblemDetailsDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
        });
        // Minimal APIs return a bare 400 for unreadable bodies unless told to throw; we throw and describe it.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<Iom.ServiceDefaults.Outages.OutageExceptionHandler>();
        return builder;
    }

    /// <summary>Exception handler and status-code pages, first in the pipeline.</summary>
    public static WebApplication UseProblemDetailsDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            var problem = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new ProblemDetails { Status = 413, Title = "Request body too large." }
                : Describe(bad);
            LogBadRequest(logger, problem.Status ?? 400, problem.Title ?? string.Empty);
            httpContext.Response.StatusCode = problem.Status ?? 400;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
        }

        private static ProblemDetails Describe(BadHttpRequestException bad)
        {
            var json = FindJsonException(bad);
            if (json is null)
            {
                // A body of the wrong type or none, an unreadable parameter: named as "body" so every 400 names its field.
                return new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [bad.Message] })
                {
                    Status = bad.StatusCode,
                    Title = "The request is not valid.",
                };
            }

            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json switch
                {
                    Iom.ServiceDefaults.Input.InputException refused => refused.Message,
                    { Path: null or "$" } => "The body is not valid JSON.",
                    _ => $"The value of '{field}' is not valid.",
                }],
            })
            {
                Status = 400,
                Title = "The request body could not be read.",
            };
        }

        private static JsonException? FindJsonException(Exception? e)
        {
            for (; e is not null; e = e.InnerException)
            {
                if (e is JsonException json)
                {
                    return json;
                }
            }

            return null;
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a bad request with {Status}: {Title}")]
        private static partial void LogBadRequest(ILogger logger, int status, string title);
    }
}
