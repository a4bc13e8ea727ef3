using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.EndToEnd.Tests;

/// <summary>
/// The AppHost's cluster mode as a model (built, not started): which server nodes the AppHost starts again after a
/// crash. A RabbitMQ node rejoins its cluster and a Redis node or Sentinel takes the role the Sentinels give it; a
/// PostgreSQL primary restarted beside a promoted standby would be a second primary, so PostgreSQL nodes are left to
/// the operator (README, cluster mode). bench/NodeLoss kills the nodes for real.
/// </summary>
public sealed class ClusterModelTests
{
    [Fact]
    public async Task In_cluster_mode_every_service_and_the_gateway_run_twice_and_RabbitMQ_and_Redis_nodes_are_restarted_after_a_crash_and_PostgreSQL_nodes_are_not()
    {
        var data = Directory.CreateTempSubdirectory("iom-cluster-model-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                ["--Infrastructure:Mode=cluster", $"--Infrastructure:Cluster:DataDirectory={data.FullName}", "--Demo:Enabled=false"]);
            await using var app = await builder.BuildAsync();
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var nodes = model.Resources.OfType<ExecutableResource>().ToDictionary(r => r.Name, RestartsOnCrash);

            Assert.Equal(
                ["rabbitmq-1", "rabbitmq-2", "rabbitmq-3", "redis-primary", "redis-replica", "redis-sentinel-1", "redis-sentinel-2", "redis-sentinel-3"],
                nodes.Where(n => n.Value).Select(n => n.Key).Order(StringComparer.Ordinal));
            Assert.False(nodes["postgres-primary"]);
            Assert.False(nodes["postgres-standby"]);

            // Two replicas of every service and of the gateway (the AppHost's appsettings once pinned the gateway to one).
            foreach (var name in new[] { "registry", "consultations", "campaign", "media", "gateway" })
            {
                var project = model.Resources.OfType<ProjectResource>().Single(r => r.Name == name);
                Assert.Equal(2, project.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static bool RestartsOnCrash(IResource resource) =>
        resource.Annotations.Any(a => a.GetType().Name == "RestartOnCrashAnnotation");
}
