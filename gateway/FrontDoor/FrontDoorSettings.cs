namespace Iom.Gateway.FrontDoor;

/// <summary>Configuration "Gateway": who may call from a browser, which proxies in front of us are trusted.</summary>
internal sealed class FrontDoorSettings
{
    public const string Section = "Gateway";

    public CorsSettings Cors { get; set; } = new();

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    /// <summary>Redirect HTTP to HTTPS and send HSTS outside Development.</summary>
    public bool HttpsRedirection { get; set; } = true;
}

internal sealed class CorsSettings
{
    /// <summary>The app's origins allowed to call the APIs from a browser (none: no cross-origin access).</summary>
    public IList<string> Origins { get; } = [];
}

internal sealed class ForwardedHeadersSettings
{
    /// <summary>How many proxies in front of the gateway add an X-Forwarded-For entry.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Addresses of trusted proxies (load balancer, ingress); loopback is always trusted.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Trusted proxy networks in CIDR notation, e.g. 10.0.0.0/8.</summary>
    public IList<string> KnownNetworks { get; } = [];
}
