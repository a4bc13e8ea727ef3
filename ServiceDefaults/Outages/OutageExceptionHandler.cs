using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Iom.ServiceDefaults.Outages;

/// <summary>
/// A request that fails because PostgreSQL, Redis or the broker is away is answered 503 ProblemDetails with
/// Retry-After (the client may try again), never a 500. Registered by AddServiceDefaults for every process.
/// </summary>
internal sealed partial class OutageExceptionHandler(IProblemDetailsService problems, ILogger<OutageExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var dependency = DependencyOutage.Find(exception);
        if (dependency is null)
        {
            return false;
        }

        LogOutage(logger, dependency, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Temporarily unavailable.",
            Detail = $"A server this request needs ({dependency}) does not answer. Try again in {RetryAfterSeconds} seconds.",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503: the {Dependency} does not answer ({Method} {Path}, {Error})")]
    private static partial void LogOutage(ILogger logger, string dependency, string method, string path, string error);
}
