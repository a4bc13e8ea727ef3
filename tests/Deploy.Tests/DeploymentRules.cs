using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Iom.Deploy.Tests;

/// <summary>
/// What an operator may rely on in deploy/, as rules over the built manifests; each returns the violations it found
/// (empty when the manifests keep the rule). docs/deploy.md explains the why of each.
/// </summary>
public static class DeploymentRules
{
    public static readonly string[] Services = ["registry", "consultations", "campaign", "media"];

    public static T As<T>(Manifest manifest)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(manifest.Node)).Save(writer, assignAnchors: false);
        return KubernetesYaml.Deserialize<T>(writer.ToString().Replace("\n...", "", StringComparison.Ordinal));
    }

    public static IEnumerable<string> Workloads(IReadOnlyList<Manifest> manifests)
    {
        var deployments = manifests.Where(m => m.Kind == "Deployment").Select(As<V1Deployment>).ToList();
        foreach (var d in deployments)
        {
            var name = d.Metadata.Name;
            if ((d.Spec.Replicas ?? 1) < 2)
            {
                yield return $"Deployment {name} runs {d.Spec.Replicas ?? 1} replica(s); at least 2.";
            }

            var pod = d.Spec.Template.Spec;
            foreach (var c in pod.Containers)
            {
                if (c.ReadinessProbe?.HttpGet?.Path != "/health")
                {
                    yield return $"{name}/{c.Name}: readiness must be GET /health.";
                }

                if (c.LivenessProbe?.HttpGet?.Path != "/alive")
                {
                    yield return $"{name}/{c.Name}: liveness must be GET /alive.";
                }

                foreach (var violation in ContainerBasics(name, c, pod))
                {
                    yield return violation;
                }
            }

            var labels = d.Spec.Template.Metadata.Labels;
            if (!manifests.Where(m => m.Kind == "PodDisruptionBudget").Select(As<V1PodDisruptionBudget>)
                    .Any(p => Selects(p.Spec.Selector.MatchLabels, labels) && (p.Spec.MinAvailable is not null || p.Spec.MaxUnavailable is not null)))
            {
                yield return $"Deployment {name} has no PodDisruptionBudget selecting its pods.";
            }

            if (!manifests.Where(m => m.Kind == "HorizontalPodAutoscaler").Select(As<V2HorizontalPodAutoscaler>)
                    .Any(h => h.Spec.ScaleTargetRef.Kind == "Deployment" && h.Spec.ScaleTargetRef.Name == name && (h.Spec.MinReplicas ?? 1) >= 2))
            {
                yield return $"Deployment {name} has no HorizontalPodAutoscaler with at least 2 replicas.";
            }
        }

        foreach (var job in manifests.Where(m => m.Kind == "Job").Select(As<V1Job>))
        {
            foreach (var c in job.Spec.Template.Spec.Containers)
            {
                foreach (var violation in ContainerBasics(job.Metadata.Name, c, job.Spec.Template.Spec))
                {
                    yield return violation;
                }
            }
        }

        foreach (var m in manifests.Where(m => m.Kind is "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Pod"))
        {
            yield return $"{m.Kind} {m.Name}: servers run through their operators, apps as Deployments; no home-made {m.Kind}.";
        }
    }

    private static IEnumerable<string> ContainerBasics(string owner, V1Container c, V1PodSpec pod)
    {
        if (c.Resources?.Requests is not { } requests || !requests.ContainsKey("cpu") || !requests.ContainsKey("memory"))
        {
            yield return $"{owner}/{c.Name}: requests cpu and memory.";
        }

        if (c.Resources?.Limits is not { } limits || !limits.ContainsKey("memory"))
        {
            yield return $"{owner}/{c.Name}: a memory limit.";
        }

        if ((c.SecurityContext?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) != true)
        {
            yield return $"{owner}/{c.Name}: runAsNonRoot.";
        }

        if (c.SecurityContext?.ReadOnlyRootFilesystem != true || c.SecurityContext.AllowPrivilegeEscalation != false)
        {
            yield return $"{owner}/{c.Name}: read-only root file system and no privilege escalation.";
        }

        if (c.Image.EndsWith(":latest", StringComparison.Ordinal) || !c.Image.Contains(':', StringComparison.Ordinal))
        {
            yield return $"{owner}/{c.Name}: image {c.Image} has no release tag.";
        }
    }

    /// <summary>No secret value in git: no Secret objects, and every sensitive setting comes from a secretKeyRef.</summary>
    public static IEnumerable<string> Secrets(IReadOnlyList<Manifest> manifests)
    {
        foreach (var m in manifests.Where(m => m.Kind == "Secret"))
        {
            yield return $"Secret {m.Name} is in git; secrets come from the cluster's secret store.";
        }

        foreach (var config in manifests.Where(m => m.Kind == "ConfigMap").Select(As<V1ConfigMap>))
        {
            foreach (var (key, value) in config.Data ?? new Dictionary<string, string>())
            {
                if (LooksSecret(key, value))
                {
                    yield return $"ConfigMap {config.Metadata.Name} holds {key}, which looks secret.";
                }
            }
        }

        foreach (var m in manifests)
        {
            foreach (var c in Kustomize.Containers(m))
            {
                foreach (var env in As<V1Container>(new Manifest(m.Source, c)).Env ?? [])
                {
                    if (env.Value is not null && LooksSecret(env.Name, env.Value))
                    {
                        yield return $"{m.Name}: env {env.Name} carries a value that looks secret; use valueFrom.secretKeyRef.";
                    }
                }
            }
        }
    }

    private static bool LooksSecret(string key, string value)
    {
        if (key.Contains("SigningKey", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(key, "(PASSWORD|SECRET|TOKEN|APIKEY)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            return true;
        }

        // A connection string may carry a password only as a reference to a variable filled from a Secret.
        var password = System.Text.RegularExpressions.Regex.Match(value, @"(?i)password=(?<p>[^;,]*)|://[^:/@]+:(?<p>[^@/]*)@");
        return password.Success && !password.Groups["p"].Value.StartsWith("$(", StringComparison.Ordinal);
    }

    /// <summary>
    /// The fences: a default deny for the namespace, the gateway the only pod reachable from outside it, and each
    /// service reaching only its own database among the databases.
    /// </summary>
    public static IEnumerable<string> Network(IReadOnlyList<Manifest> manifests)
    {
        var policies = manifests.Where(m => m.Kind == "NetworkPolicy").Select(As<V1NetworkPolicy>).ToList();
        var pods = manifests.Where(m => m.Kind is "Deployment" or "Job")
            .Select(m => (m.Name, Labels: (IDictionary<string, string>)(m.Kind == "Deployment"
                ? As<V1Deployment>(m).Spec.Template.Metadata.Labels
                : As<V1Job>(m).Spec.Template.Metadata.Labels)))
            .ToList();
        var denials = policies.Where(p => p.Spec.PolicyTypes.Contains("Ingress") && p.Spec.PolicyTypes.Contains("Egress")
            && p.Spec.Ingress is null && p.Spec.Egress is null).ToList();
        foreach (var (name, _) in pods.Where(pod => !denials.Any(p => Selects(p.Spec.PodSelector.MatchLabels, pod.Labels))))
        {
            yield return $"No default-deny NetworkPolicy (Ingress and Egress, no rules) covers {name}.";
        }

        foreach (var (name, labels) in pods)
        {
            var ingress = policies.Where(p => Selects(p.Spec.PodSelector.MatchLabels, labels)).SelectMany(p => p.Spec.Ingress ?? []).ToList();
            var fromOutside = ingress.SelectMany(r => r.FromProperty ?? []).Any(peer => peer.NamespaceSelector is not null || peer.IpBlock is not null)
                || ingress.Any(r => r.FromProperty is null || r.FromProperty.Count == 0);
            if (fromOutside && name != "gateway")
            {
                yield return $"{name} is reachable from outside its namespace; only the gateway may be.";
            }

            var databases = policies.Where(p => Selects(p.Spec.PodSelector.MatchLabels, labels))
                .SelectMany(p => p.Spec.Egress ?? [])
                .SelectMany(r => r.To ?? [])
                .Select(peer => peer.PodSelector?.MatchLabels is { } l && l.TryGetValue("cnpg.io/cluster", out var db) ? db : null)
                .OfType<string>()
                .Distinct()
                .ToList();
            var own = Services.FirstOrDefault(s => labels.Values.Contains(s));
            if (databases.Any(db => own is null || db != own + "-db"))
            {
                yield return $"{name} may reach databases {string.Join(", ", databases)}; only its own.";
            }
        }
    }

    /// <summary>Servers through existing operators, sized for losing any one node; migrations once per release.</summary>
    public static IEnumerable<string> Servers(IReadOnlyList<Manifest> data, IReadOnlyList<Manifest> migrations, IReadOnlyList<Manifest> apps)
    {
        var rabbit = data.SingleOrDefault(m => m.Kind == "RabbitmqCluster" && m.ApiVersion.StartsWith("rabbitmq.com/", StringComparison.Ordinal));
        if (rabbit?.Node.Get("spec")?.Get("replicas") is not YamlScalarNode { Value: "3" })
        {
            yield return "RabbitMQ: one RabbitmqCluster with 3 replicas.";
        }
        else if (rabbit.Node.Get("spec")?.Get("rabbitmq")?.Get("additionalConfig") is not YamlScalarNode { Value: { } config }
                 || !config.Contains("default_queue_type = quorum", StringComparison.Ordinal))
        {
            yield return "RabbitMQ: queues must default to quorum queues.";
        }

        foreach (var service in Services)
        {
            var cluster = data.SingleOrDefault(m => m.Kind == "Cluster" && m.ApiVersion.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal) && m.Name == service + "-db");
            var spec = cluster?.Node.Get("spec");
            if (spec?.Get("instances") is not YamlScalarNode { Value: { } instances } || int.Parse(instances, System.Globalization.CultureInfo.InvariantCulture) < 2)
            {
                yield return $"PostgreSQL for {service}: a CloudNativePG Cluster {service}-db with a standby.";
            }
            else if (spec.Get("postgresql")?.Get("synchronous")?.Get("number") is not YamlScalarNode { Value: "1" })
            {
                yield return $"PostgreSQL for {service}: synchronous replication to one standby.";
            }

            var job = migrations.Where(m => m.Kind == "Job").Select(As<V1Job>)
                .SingleOrDefault(j => j.Metadata.Name == service + "-migrate");
            if (job?.Spec.Template.Spec.Containers.Single().Env?.Any(e => e.Name == "Database__Migrations" && e.Value == "Only") != true)
            {
                yield return $"{service}: a migration Job running with Database__Migrations=Only.";
            }
        }

        if (data.SingleOrDefault(m => m.Kind == "RedisReplication")?.Node.Get("spec")?.Get("clusterSize") is not YamlScalarNode { Value: "3" }
            || data.SingleOrDefault(m => m.Kind == "RedisSentinel")?.Node.Get("spec")?.Get("clusterSize") is not YamlScalarNode { Value: "3" })
        {
            yield return "Redis: a RedisReplication of 3 (primary + replicas) and 3 Sentinels.";
        }

        IReadOnlyDictionary<string, string> settings = apps.Where(m => m.Kind == "ConfigMap").Select(As<V1ConfigMap>)
            .SingleOrDefault(c => c.Metadata.Name == "suite-settings")?.Data?.ToDictionary() ?? [];
        if (settings.GetValueOrDefault("Database__Migrations") != "Skip")
        {
            yield return "Apps: replicas must not migrate (Database__Migrations=Skip).";
        }

        if (settings.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") != "Production" || settings.GetValueOrDefault("Demo__Enabled") != "false"
            || !settings.GetValueOrDefault("Auth__Authority", "").StartsWith("https://", StringComparison.Ordinal))
        {
            yield return "Apps: Production environment, demo data off, an https identity provider (Auth__Authority).";
        }
    }

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is null || selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
