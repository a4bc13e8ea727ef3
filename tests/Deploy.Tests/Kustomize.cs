using YamlDotNet.RepresentationModel;

namespace Iom.Deploy.Tests;

/// <summary>One object of a manifest, as a YAML mapping, with the file it came from.</summary>
public sealed record Manifest(string Source, YamlMappingNode Node)
{
    public string Kind => Scalar("kind");

    public string ApiVersion => Scalar("apiVersion");

    public string Name => Node.Get("metadata")?.Get("name") is YamlScalarNode name ? name.Value ?? "" : "";

    public string? Namespace => Node.Get("metadata")?.Get("namespace") is YamlScalarNode ns ? ns.Value : null;

    private string Scalar(string key) => Node.Get(key) is YamlScalarNode s ? s.Value ?? "" : "";
}

/// <summary>
/// Reads a kustomization the way `kubectl kustomize` does for the features deploy/ uses — resources (files and
/// folders), components, namespace, images and JSON 6902 "replace" patches — so the manifests can be checked offline
/// without kubectl. A feature it does not know (another patch op, generators) fails the load instead of being ignored.
/// </summary>
public static class Kustomize
{
    private static readonly HashSet<string> ClusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"];
    private static readonly HashSet<string> Known = ["apiVersion", "kind", "resources", "components", "namespace", "images", "patches"];

    public static IReadOnlyList<Manifest> Build(string folder)
    {
        var kustomization = LoadDocuments(Path.Combine(folder, "kustomization.yaml")).Single().Node;
        var unknown = kustomization.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => !Known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new NotSupportedException($"{folder}/kustomization.yaml uses {string.Join(", ", unknown)}, which this reader does not apply.");
        }

        var manifests = new List<Manifest>();
        foreach (var resource in Strings(kustomization.Get("resources")))
        {
            var path = Path.GetFullPath(Path.Combine(folder, resource));
            if (Directory.Exists(path))
            {
                manifests.AddRange(Build(path));
            }
            else if (File.Exists(path))
            {
                manifests.AddRange(LoadDocuments(path));
            }
            else
            {
                throw new FileNotFoundException($"{folder}/kustomization.yaml names a resource that does not exist: {resource}");
            }
        }

        var transforms = new List<YamlMappingNode> { kustomization };
        transforms.AddRange(Strings(kustomization.Get("components"))
            .Select(c => LoadDocuments(Path.Combine(folder, c, "kustomization.yaml")).Single().Node));
        foreach (var transform in transforms)
        {
            Apply(transform, manifests);
        }

        return manifests;
    }

    private static void Apply(YamlMappingNode kustomization, List<Manifest> manifests)
    {
        if (kustomization.Get("namespace") is YamlScalarNode { Value: { } ns })
        {
            foreach (var m in manifests.Where(m => !ClusterScoped.Contains(m.Kind)))
            {
                var metadata = (YamlMappingNode)m.Node.Get("metadata")!;
                metadata.Children[new YamlScalarNode("namespace")] = new YamlScalarNode(ns);
            }
        }

        if (kustomization.Get("images") is YamlSequenceNode images)
        {
            foreach (var image in images.Children.Cast<YamlMappingNode>())
            {
                var name = ((YamlScalarNode)image.Get("name")!).Value!;
                var newName = (image.Get("newName") as YamlScalarNode)?.Value ?? name;
                var newTag = (image.Get("newTag") as YamlScalarNode)?.Value ?? "latest";
                foreach (var container in manifests.SelectMany(Containers))
                {
                    var current = ((YamlScalarNode)container.Get("image")!).Value!;
                    if (current == name || current.StartsWith(name + ":", StringComparison.Ordinal))
                    {
                        container.Children[new YamlScalarNode("image")] = new YamlScalarNode($"{newName}:{newTag}");
                    }
                }
            }
        }

        if (kustomization.Get("patches") is YamlSequenceNode patches)
        {
            foreach (var patch in patches.Children.Cast<YamlMappingNode>())
            {
                var target = (YamlMappingNode)patch.Get("target")!;
                var kind = ((YamlScalarNode)target.Get("kind")!).Value;
                var name = ((YamlScalarNode)target.Get("name")!).Value;
                var subject = manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name)
                    ?? throw new InvalidOperationException($"A patch targets {kind}/{name}, which no resource defines.");
                var stream = new YamlStream();
                stream.Load(new StringReader(((YamlScalarNode)patch.Get("patch")!).Value!));
                foreach (var op in ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
                {
                    if (((YamlScalarNode)op.Get("op")!).Value != "replace")
                    {
                        throw new NotSupportedException("Only JSON 6902 'replace' patches are read here.");
                    }

                    Replace(subject.Node, ((YamlScalarNode)op.Get("path")!).Value!, op.Get("value")!);
                }
            }
        }
    }

    /// <summary>Every container (and init container) of a Deployment, Job or other pod template.</summary>
    public static IEnumerable<YamlMappingNode> Containers(Manifest manifest)
    {
        var podSpec = manifest.Node.Get("spec")?.Get("template")?.Get("spec");
        foreach (var key in new[] { "containers", "initContainers" })
        {
            if (podSpec?.Get(key) is YamlSequenceNode containers)
            {
                foreach (var container in containers.Children.Cast<YamlMappingNode>())
                {
                    yield return container;
                }
            }
        }
    }

    private static void Replace(YamlNode root, string path, YamlNode value)
    {
        var parts = path.Trim('/').Split('/');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = node is YamlSequenceNode seq ? seq.Children[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : node.Get(part)
                ?? throw new InvalidOperationException($"Patch path {path} does not exist.");
        }

        var last = parts[^1];
        switch (node)
        {
            case YamlSequenceNode seq:
                seq.Children[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
            case YamlMappingNode map when map.Children.ContainsKey(new YamlScalarNode(last)):
                map.Children[new YamlScalarNode(last)] = value;
                break;
            default:
                throw new InvalidOperationException($"Patch path {path} does not exist (replace needs an existing value).");
        }
    }

    public static IReadOnlyList<Manifest> LoadDocuments(string file)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            stream.Load(reader);
        }

        return stream.Documents
            .Where(d => d.RootNode is YamlMappingNode { Children.Count: > 0 })
            .Select(d => new Manifest(file, (YamlMappingNode)d.RootNode))
            .ToList();
    }

    private static IEnumerable<string> Strings(YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children.Cast<YamlScalarNode>().Select(s => s.Value!) : [];
}

public static class YamlNodeExtensions
{
    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
