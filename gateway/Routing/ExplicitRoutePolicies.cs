using Yarp.ReverseProxy.Configuration;

namespace Iom.Gateway.Routing;

/// <summary>
/// Refuses a route table in which a route does not name its authorization policy and its rate-limiter policy:
/// the gateway does not start (or does not apply a reload) rather than open a path by accident.
/// "anonymous" must be written out for public paths; "default" is refused because it hides which policy applies.
/// </summary>
internal sealed class ExplicitRoutePolicies : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(route);
        Require(route.RouteId, "AuthorizationPolicy", route.AuthorizationPolicy);
        Require(route.RouteId, "RateLimiterPolicy", route.RateLimiterPolicy);
        return ValueTask.FromResult(route);
    }

    private static void Require(string routeId, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || string.Equals(value, "default", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Gateway route '{routeId}' must name its {setting} explicitly (\"anonymous\" / \"disable\" where that is meant).");
        }
    }
}
