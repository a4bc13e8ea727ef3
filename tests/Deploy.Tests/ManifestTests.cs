using Xunit;
using YamlDotNet.RepresentationModel;

namespace Iom.Deploy.Tests;

/// <summary>deploy/ validated offline (no cluster runs here): what `kubectl apply -k` would send, checked rule by rule.</summary>
public sealed class ManifestTests
{
    private static IReadOnlyList<Manifest> Apps() => Kustomize.Build(DeployFolder.Path("overlays/production/apps"));

    private static IReadOnlyList<Manifest> Migrations() => Kustomize.Build(DeployFolder.Path("overlays/production/migrations"));

    private static IReadOnlyList<Manifest> Data() => Kustomize.Build(DeployFolder.Path("data"));

    [Fact]
    public void Every_service_and_the_gateway_is_a_deployment_of_the_release_image()
    {
        var deployments = Apps().Where(m => m.Kind == "Deployment").Select(m => m.Name).Order().ToList();
        Assert.Equal(["campaign", "consultations", "gateway", "media", "registry"], deployments);
        var images = Apps().Concat(Migrations()).SelectMany(Kustomize.Containers)
            .Select(c => ((YamlScalarNode)c.Get("image")!).Value).Distinct().Order().ToList();
        Assert.Equal(
            ["registry.example.org/iom/campaign:1.0.0", "registry.example.org/iom/consultations:1.0.0", "registry.example.org/iom/gateway:1.0.0",
             "registry.example.org/iom/media:1.0.0", "registry.example.org/iom/registry:1.0.0"],
            images);
    }

    [Fact]
    public void Workloads_have_probes_resources_replicas_disruption_budgets_autoscalers_and_run_locked_down() =>
        Assert.Empty(DeploymentRules.Workloads([.. Apps(), .. Migrations()]));

    [Fact]
    public void No_secret_value_is_in_the_manifests() =>
        Assert.Empty(DeploymentRules.Secrets([.. Apps(), .. Migrations(), .. Data()]));

    [Fact]
    public void Only_the_gateway_is_reachable_from_outside_and_each_service_reaches_only_its_own_database() =>
        Assert.Empty(DeploymentRules.Network([.. Apps(), .. Migrations()]));

    [Fact]
    public void Servers_come_from_operators_sized_to_lose_a_node_and_migrations_run_once_per_release() =>
        Assert.Empty(DeploymentRules.Servers(Data(), Migrations(), Apps()));

    [Fact]
    public void Every_object_is_in_the_suites_namespaces()
    {
        var namespaced = Apps().Concat(Migrations()).Concat(Data()).Where(m => m.Kind != "Namespace").Select(m => m.Namespace).Distinct().ToList();
        Assert.Equal(["iom"], namespaced);
    }

    [Fact]
    public void Each_service_reads_its_connection_strings_under_the_names_the_code_uses()
    {
        foreach (var (service, database) in new[] { ("registry", "registrydb"), ("consultations", "consultationsdb"), ("campaign", "campaigndb"), ("media", "mediadb") })
        {
            var deployment = DeploymentRules.As<k8s.Models.V1Deployment>(Apps().Single(m => m.Kind == "Deployment" && m.Name == service));
            var env = deployment.Spec.Template.Spec.Containers.Single().Env.Select(e => e.Name).ToList();
            Assert.Contains($"ConnectionStrings__{database}", env);
            Assert.Contains("ConnectionStrings__messaging", env);
            Assert.Contains("ConnectionStrings__cache", env);
        }
    }
}

/// <summary>The rules catch what they are for: each broken copy of a good manifest yields a violation.</summary>
public sealed class RuleTests
{
    private static List<Manifest> Fresh() => [.. Kustomize.Build(DeployFolder.Path("overlays/production/apps"))];

    private static YamlMappingNode Registry(List<Manifest> apps) => apps.Single(m => m.Kind == "Deployment" && m.Name == "registry").Node;

    private static YamlMappingNode Container(YamlMappingNode deployment) =>
        (YamlMappingNode)((YamlSequenceNode)deployment.Get("spec")!.Get("template")!.Get("spec")!.Get("containers")!).Children[0];

    [Fact]
    public void A_single_replica_a_missing_probe_or_a_writable_root_is_refused()
    {
        var apps = Fresh();
        var registry = Registry(apps);
        ((YamlMappingNode)registry.Get("spec")!).Children[new YamlScalarNode("replicas")] = new YamlScalarNode("1");
        Container(registry).Children.Remove(new YamlScalarNode("readinessProbe"));
        ((YamlMappingNode)Container(registry).Get("securityContext")!).Children[new YamlScalarNode("readOnlyRootFilesystem")] = new YamlScalarNode("false");
        var violations = DeploymentRules.Workloads(apps).ToList();
        Assert.Contains(violations, v => v.Contains("1 replica", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("readiness", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("read-only root", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deployment_without_its_disruption_budget_is_refused()
    {
        var apps = Fresh();
        apps.RemoveAll(m => m.Kind == "PodDisruptionBudget" && m.Name == "media");
        Assert.Contains(DeploymentRules.Workloads(apps), v => v.Contains("media has no PodDisruptionBudget", StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_in_plain_text_is_refused()
    {
        var apps = Fresh();
        var env = (YamlSequenceNode)Container(Registry(apps)).Get("env")!;
        env.Add(new YamlMappingNode(
            new YamlScalarNode("name"), new YamlScalarNode("ConnectionStrings__extra"),
            new YamlScalarNode("value"), new YamlScalarNode("Host=db;Username=app;Password=hunter2")));
        Assert.Contains(DeploymentRules.Secrets(apps), v => v.Contains("ConnectionStrings__extra", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_allowed_into_another_services_database_is_refused()
    {
        var apps = Fresh();
        var policy = apps.Single(m => m.Kind == "NetworkPolicy" && m.Name == "media-egress").Node;
        var to = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)policy.Get("spec")!.Get("egress")!).Children[0]).Get("to")!).Children[0];
        ((YamlMappingNode)to.Get("podSelector")!.Get("matchLabels")!).Children[new YamlScalarNode("cnpg.io/cluster")] = new YamlScalarNode("campaign-db");
        Assert.Contains(DeploymentRules.Network(apps), v => v.StartsWith("media may reach databases campaign-db", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_default_deny_the_fences_are_refused()
    {
        var apps = Fresh();
        apps.RemoveAll(m => m.Kind == "NetworkPolicy" && m.Name == "default-deny");
        Assert.Contains(DeploymentRules.Network(apps), v => v.StartsWith("No default-deny NetworkPolicy (Ingress and Egress, no rules) covers registry", StringComparison.Ordinal));
    }
}
