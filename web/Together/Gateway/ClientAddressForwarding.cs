namespace Iom.Together.Gateway;

/// <summary>
/// Tells the gateway whose request this is: the person's address (X-Forwarded-For), so the gateway's per-address
/// limits count each person, not the front as one caller, and the person's languages (Accept-Language).
/// The gateway trusts the header only from its known proxies (loopback locally; the front's network in a cluster).
/// </summary>
internal sealed class ClientAddressForwarding(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } http)
        {
            if (http.Connection.RemoteIpAddress is { } address)
            {
                request.Headers.Remove("X-Forwarded-For");
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
            }

            var languages = http.Request.Headers.AcceptLanguage.ToString();
            if (languages.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Accept-Language", languages);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
