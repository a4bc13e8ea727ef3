using System.Text.Json.Nodes;

namespace Iom.TestSupport.Fuzz;

/// <summary>One write operation (POST, PUT, PATCH, DELETE) as a service's OpenAPI document describes it.</summary>
public sealed record WriteRoute(string Method, string Template, IReadOnlyList<(string Name, JsonNode? Schema)> PathParameters, string? ContentType, JsonNode? BodySchema)
{
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    public override string ToString() => $"{Method} {Template}";

    /// <summary>Every write route of the document, with $refs resolved against its components.</summary>
    public static IReadOnlyList<WriteRoute> From(JsonNode document)
    {
        var routes = new List<WriteRoute>();
        var schemas = document["components"]?["schemas"]?.AsObject();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                if (!WriteMethods.Contains(method) || operationNode is not JsonObject operation)
                {
                    continue;
                }

                var parameters = (operation["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(p, document))
                    .Where(p => p?["in"]?.GetValue<string>() == "path")
                    .Select(p => (p!["name"]!.GetValue<string>(), Resolve(p["schema"], document)))
                    .ToList();
                var content = operation["requestBody"]?["content"]?.AsObject();
                var (contentType, schema) = content is null || content.Count == 0
                    ? ((string?)null, (JsonNode?)null)
                    : (content.First().Key, content.First().Value?["schema"]);
                routes.Add(new WriteRoute(method.ToUpperInvariant(), template, parameters, contentType, schema is null ? null : Inline(schema, schemas, 0)));
            }
        }

        return routes;
    }

    private static JsonNode? Resolve(JsonNode? node, JsonNode document)
    {
        var reference = node?["$ref"]?.GetValue<string>();
        if (reference is null)
        {
            return node;
        }

        JsonNode? target = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            target = target?[part];
        }

        return target;
    }

    /// <summary>A copy of the schema with component references replaced by their definitions (recursion cut at depth 8).</summary>
    private static JsonNode? Inline(JsonNode? schema, JsonObject? components, int depth)
    {
        switch (schema)
        {
            case JsonObject obj when obj["$ref"]?.GetValue<string>() is { } reference:
                var name = reference[(reference.LastIndexOf('/') + 1)..];
                return depth > 8 || components?[name] is not { } target ? new JsonObject() : Inline(target, components, depth + 1);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Inline(value, components, depth);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(v => Inline(v, components, depth))]);
            default:
                return schema?.DeepClone();
        }
    }
}
