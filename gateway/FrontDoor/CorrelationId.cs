using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Iom.Gateway.FrontDoor;

/// <summary>
/// Every request gets a correlation id: the caller's X-Correlation-Id when it is a sane token, else the trace id.
/// It is forwarded to the service, tagged on the trace, and echoed on the response with the W3C traceparent
/// of the gateway's span, so a caller can quote either when reporting a problem.
/// </summary>
internal sealed class CorrelationId(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";
    public const string TraceParentHeader = "traceparent";
    private const int MaxLength = 64;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current;
        var supplied = context.Request.Headers[Header].ToString();
        var id = IsAcceptable(supplied)
            ? supplied
            : activity?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");

        context.Request.Headers[Header] = id;
        activity?.SetTag("correlation.id", id);
        var traceParent = activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            if (traceParent is not null)
            {
                context.Response.Headers[TraceParentHeader] = traceParent;
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>Letters, digits and -_.: only, at most 64 characters: nothing that could forge a log line or a header.</summary>
    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
