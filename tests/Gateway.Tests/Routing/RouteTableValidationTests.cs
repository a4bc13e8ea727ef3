using Iom.Gateway.Tests.Support;
using Xunit;

namespace Iom.Gateway.Tests.Routing;

/// <summary>A route without an explicit policy stops the gateway at start-up rather than open a path.</summary>
public sealed class RouteTableValidationTests
{
    [Theory]
    [InlineData(null, "per-caller", "AuthorizationPolicy")]
    [InlineData("default", "per-caller", "AuthorizationPolicy")]
    [InlineData("anonymous", null, "RateLimiterPolicy")]
    public async Task A_route_without_an_explicit_policy_stops_start_up(string? authorization, string? rateLimiter, string named)
    {
        var gateway = new GatewayFactory()
            .With("ReverseProxy:Routes:forgotten:ClusterId", "registry")
            .With("ReverseProxy:Routes:forgotten:Match:Path", "/api/forgotten/{**rest}")
            .With("ReverseProxy:Routes:forgotten:AuthorizationPolicy", authorization)
            .With("ReverseProxy:Routes:forgotten:RateLimiterPolicy", rateLimiter);
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(gateway.InitializeAsync);
            var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
            Assert.Contains("forgotten", messages, StringComparison.Ordinal);
            Assert.Contains(named, messages, StringComparison.Ordinal);
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
