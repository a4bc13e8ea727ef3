using Iom.AppHost;
using Iom.AppHost.Operations;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL (one database per service), RabbitMQ and Redis: containers, Debian's servers, or existing ones.
var infrastructure = builder.AddSuiteInfrastructure();

// A service that crashes is started again with back-off; each service resource carries the operators' commands.
builder.AddCrashRestarts();

var registry = builder.AddProject<Projects.Registry>("registry")
    .WithInfrastructure(infrastructure, "registrydb");

var consultations = builder.AddProject<Projects.Consultations>("consultations")
    .WithInfrastructure(infrastructure, "consultationsdb");

var campaign = builder.AddProject<Projects.Campaign>("campaign")
    .WithInfrastructure(infrastructure, "campaigndb");

var media = builder.AddProject<Projects.Media>("media")
    .WithInfrastructure(infrastructure, "mediadb");

// The front door: one fixed port (Aspire proxies it to every replica; Gateway:Replicas runs more than one, sharing
// rate limits through Redis). Settings under "Gateway:Settings" reach the gateway as its "Gateway:..." configuration.
var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(registry).WaitFor(registry)
    .WithReference(consultations).WaitFor(consultations)
    .WithReference(campaign).WaitFor(campaign)
    .WithReference(media).WaitFor(media)
    .WithDependency(infrastructure.Cache)
    .WithSuiteAuth()
    .WithHttpHealthCheck("/health")
    .WithPublicPort(builder.Configuration.GetValue("Gateway:Port", 5080))
    .WithReplicas(Math.Max(1, builder.Configuration.GetValue("Gateway:Replicas", infrastructure.Replicas)));
// The Together web front: served by the gateway at "/", and a client of the gateway's public routes like any other.
var web = builder.AddProject<Projects.Together>("web").WithReference(gateway).WithSuiteAuth().WithHttpHealthCheck("/health");
gateway.WithReference(web);

foreach (var (key, value) in builder.Configuration.GetSection("Gateway:Settings").AsEnumerable(makePathsRelative: true))
{
    if (value is not null)
    {
        gateway.WithEnvironment("Gateway__" + key.Replace(":", "__", StringComparison.Ordinal), value);
    }
}

// Settings under "Services:Settings" reach each of the four services as their own configuration (for example
// "Services:Settings:Dependencies:ConnectTimeout" becomes Dependencies__ConnectTimeout).
foreach (var (key, value) in builder.Configuration.GetSection("Services:Settings").AsEnumerable(makePathsRelative: true))
{
    if (value is not null)
    {
        foreach (var service in new[] { registry, consultations, campaign, media })
        {
            service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
    }
}

// Nothing in the suite serves TLS on loopback: no resource asks for a development certificate (see PlainHttp).
builder.ServeEveryResourceOverPlainHttp();

builder.Build().Run();
