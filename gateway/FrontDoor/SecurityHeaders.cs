namespace Iom.Gateway.FrontDoor;

/// <summary>
/// Security headers on every response, the gateway's own and the services' alike, and no server banner:
/// the services' Server / X-Powered-By headers are removed from proxied responses.
/// The API documentation page gets a content security policy that lets it run its own script and styles only.
/// A response that already carries a policy keeps it: the Together web front sets its own (as strict: its own
/// files only, no inline script); every other response gets the API policy.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string DocsPath = "/docs";

    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var isDocs = context.Request.Path.StartsWithSegments(DocsPath);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            headers.Remove("X-AspNet-Version");
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (isDocs || string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = isDocs ? DocsPolicy : ApiPolicy;
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
