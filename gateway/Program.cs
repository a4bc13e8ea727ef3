using Iom.Gateway.Docs;
using Iom.Gateway.FrontDoor;
using Iom.Gateway.Limits;
using Iom.Gateway.RateLimiting;
using Iom.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisClient("cache");
builder.AddFrontDoor();           // forwarded headers, CORS, no server banner
builder.AddRequestLimits();       // body, header and time limits
builder.AddGatewayRateLimiting(); // shared across replicas through Redis
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver()
    .AddConfigFilter<ExplicitRoutePolicies>();
// A GET or HEAD that meets a replica as it dies is sent again (see RetrySafeRequests); registered after YARP's own.
builder.Services.AddSingleton<Yarp.ReverseProxy.Forwarder.IForwarderHttpClientFactory, RetryingForwarderHttpClientFactory>();

var app = builder.Build();
app.UseFrontDoor();               // before authentication: forwarded headers, HTTPS, correlation id, security headers, CORS
app.UseServiceDefaults(unknownPathsAreNotFound: false); // ProblemDetails, authentication, authorization, /health, /alive; outside the route table: 401 without a token
app.UseRequestTimeouts();
app.UseRateLimiter();
app.MapApiDocs();
app.MapReverseProxy(proxy =>
{
    proxy.UseForwarderProblems();
    proxy.UseRequestBodyLimit();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

await app.RunAsync();

/// <summary>The gateway's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
