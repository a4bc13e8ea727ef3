using System.Text.Json.Nodes;
using Xunit;

namespace Iom.TestSupport;

/// <summary>Issue 13 §2: what every service's OpenAPI document must say (checked against the real host's document).</summary>
public static class OpenApiDocumentChecks
{
    public static async Task<JsonNode> DocumentAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;

    /// <summary>
    /// A use case's own body type (a schema named "…Request") belongs to one route; only input types shared on purpose
    /// (named by the caller, e.g. one body for register and replace, one reason for suspend, reinstate and archive) may
    /// serve several. A bare "Request" means nested types collapsed into one schema.
    /// </summary>
    public static void RequestSchemasAreNotSharedByAccident(JsonNode document, params string[] sharedOnPurpose)
    {
        var routesOfSchema = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (_, media) in operation?["requestBody"]?["content"]?.AsObject() ?? [])
                {
                    var reference = media?["schema"]?["$ref"]?.GetValue<string>();
                    if (reference is null)
                    {
                        continue;
                    }

                    var name = reference[(reference.LastIndexOf('/') + 1)..];
                    if (!routesOfSchema.TryGetValue(name, out var routes))
                    {
                        routesOfSchema[name] = routes = [];
                    }

                    routes.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        Assert.NotEmpty(routesOfSchema);
        Assert.DoesNotContain("Request", routesOfSchema.Keys);
        var shared = routesOfSchema.Where(s => s.Key.EndsWith("Request", StringComparison.Ordinal) && !sharedOnPurpose.Contains(s.Key) && s.Value.Distinct().Count() > 1)
            .Select(s => $"{s.Key}: {string.Join(", ", s.Value.Distinct())}").ToList();
        Assert.True(shared.Count == 0, "Request schemas shared by several routes: " + string.Join("; ", shared));
        var stale = sharedOnPurpose.Where(name => routesOfSchema.GetValueOrDefault(name)?.Distinct().Count() is not > 1).ToList();
        Assert.True(stale.Count == 0, "Listed as shared on purpose but not shared (remove from the list): " + string.Join(", ", stale));
    }

    /// <summary>The document says what the service is for and how to get a token.</summary>
    public static void DescribesTheServiceAndHowToGetAToken(JsonNode document, string purposeWord)
    {
        var description = document["info"]?["description"]?.GetValue<string>() ?? string.Empty;
        Assert.Contains(purposeWord, description, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("scripts/dev-token.sh", description, StringComparison.Ordinal);
        Assert.StartsWith("IOM ", document["info"]?["title"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
    }
}
