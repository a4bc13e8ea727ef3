using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Iom.Gateway.Routing;

/// <summary>
/// A GET or HEAD whose upstream connection fails before any answer came back — the replica it reached has just died, so
/// the connection is refused or reset — is sent again, at most twice, and usually reaches a live replica (Aspire's
/// proxy and a Kubernetes Service spread connections over the replicas). Nothing else is retried: a POST, PUT, PATCH or
/// DELETE may have been applied before its connection broke, and a request that got an answer (a 5xx included) is
/// the service's to answer.
/// </summary>
internal sealed partial class RetrySafeRequests(ILogger logger) : DelegatingHandler
{
    public const int Attempts = 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsSafe(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < Attempts && !cancellationToken.IsCancellationRequested
                && (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded || ex.InnerException is IOException))
            {
                // Refused (ConnectionError), closed before the answer (ResponseEnded), or reset while it was sent (an
                // IOException inside, reported as Unknown).
                LogRetry(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, ex.HttpRequestError, attempt);
            }
        }
    }

    private static bool IsSafe(HttpRequestMessage request) =>
        (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head) && request.Content is null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the upstream connection failed ({Error}) before an answer; sending it again (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, string method, string path, HttpRequestError error, int attempt);
}

/// <summary>YARP's client factory with <see cref="RetrySafeRequests"/> in front of every cluster's handler.</summary>
internal sealed class RetryingForwarderHttpClientFactory(ILogger<RetrySafeRequests> logger) : ForwarderHttpClientFactory
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new RetrySafeRequests(logger) { InnerHandler = base.WrapHandler(context, handler) };
}
