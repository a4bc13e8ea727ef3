using Iom.AppHost;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL (one database per service), RabbitMQ and Redis: containers, Debian's servers, or existing ones.
var infrastructure = builder.AddSuiteInfrastructure();

var registry = builder.AddProject<Projects.Registry>("registry")
    .WithInfrastructure(infrastructure, "registrydb");

var consultations = builder.AddProject<Projects.Consultations>("consultations")
    .WithInfrastructure(infrastructure, "consultationsdb");

var campaign = builder.AddProject<Projects.Campaign>("campaign")
    .WithInfrastructure(infrastructure, "campaigndb");

var media = builder.AddProject<Projects.Media>("media")
    .WithInfrastructure(infrastructure, "mediadb");

builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(registry).WaitFor(registry)
    .WithReference(consultations).WaitFor(consultations)
    .WithReference(campaign).WaitFor(campaign)
    .WithReference(media).WaitFor(media)
    .WithDependency(infrastructure.Cache)
    .WithSuiteAuth()
    .WithHttpHealthCheck("/health")
    .WithPublicPort(builder.Configuration.GetValue("Gateway:Port", 5080))
    .WithReplicas(builder.Configuration.GetValue("Gateway:Replicas", 1));

builder.Build().Run();
