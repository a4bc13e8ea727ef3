using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.TestSupport;

/// <summary>What happened when one route's documented example was sent to it.</summary>
public sealed record ExampleOutcome(string Route, string? Role, int Status, string? Failure, string Answer)
{
    public override string ToString() => Status == 0
        ? $"{Route}: {Failure}"
        : $"{Route} as {Role ?? "anonymous"}: {Status}{(Failure is null ? string.Empty : " — " + Failure + "\n    " + Answer)}";
}

/// <summary>
/// Issue 13 §2: every request body in a service's OpenAPI document has an example, and the endpoint accepts it through
/// the real pipeline. Each route with a body gets its documented example, path ids filled with fresh GUIDs, as a role
/// its policy admits (a focal point acting for the organisation in the path). Accepted means 2xx, or a 4xx the
/// operation documents (a 404 for the unknown id in the path, a 409 for a state the fresh id does not have). A 400 fails —
/// unless every field it names is a reference to another record that the example fills with an id (e.g. the
/// organisation a delegate comes from): the shape was accepted, the referenced record simply does not exist here.
/// A missing example, 401, 403, 415 or any 5xx fails.
/// </summary>
public static class RequestExampleChecks
{
    /// <param name="services">The host's services (its route table and authorization policies).</param>
    /// <param name="createClient">A client of the host.</param>
    /// <param name="partner">
    /// An organisation that exists in the service (a partner it knows): used for path parameters named
    /// <c>organizationId</c> and as the organisation a focal point acts for there. Without one, fresh GUIDs.
    /// </param>
    public static async Task<IReadOnlyList<ExampleOutcome>> RunAsync(IServiceProvider services, Func<HttpClient> createClient, Guid? partner = null)
    {
        using var anonymous = createClient();
        var document = await OpenApiDocumentChecks.DocumentAsync(anonymous);
        var outcomes = new List<ExampleOutcome>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                if (operationNode?["requestBody"]?["content"] is not JsonObject content || content.Count == 0)
                {
                    continue;
                }

                var route = $"{method.ToUpperInvariant()} {template}";
                var (contentType, media) = content.First();
                var example = media?["example"];
                if (example is null)
                {
                    outcomes.Add(new ExampleOutcome(route, null, 0, $"no example for {contentType}", string.Empty));
                    continue;
                }

                // A focal point acts for the organisation the example names, else the one in the path.
                var named = NamedOrganization(example);
                var organization = named ?? (template.Contains("{organizationId}", StringComparison.Ordinal) && partner is { } known ? known : Guid.NewGuid());
                var path = FillPath(template, operationNode, document, named is null ? organization : null);
                var roles = await AuthorizationMatrix.AllowedRolesAsync(services, method, template, organization);
                var role = roles?.FirstOrDefault();
                if (roles is { Count: 0 })
                {
                    outcomes.Add(new ExampleOutcome(route, null, 0, "no role may call this route", string.Empty));
                    continue;
                }

                using var client = createClient();
                if (role is not null)
                {
                    client.DefaultRequestHeaders.Authorization =
                        new AuthenticationHeaderValue("Bearer", TestTokens.For(role, role == SuiteRoles.CsoFocalPoint ? organization : null));
                }

                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(path, UriKind.Relative))
                {
                    Content = new StringContent(
                        example is JsonValue value && value.TryGetValue<string>(out var text) && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                            ? text
                            : example.ToJsonString(),
                        Encoding.UTF8),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var answer = await response.Content.ReadAsStringAsync();
                var documented = operationNode["responses"]?.AsObject().Select(r => r.Key).ToHashSet() ?? [];
                outcomes.Add(new ExampleOutcome(route, role, status, Judge(status, answer, example, documented), Truncate(answer)));
            }
        }

        return outcomes;
    }

    /// <summary>Fails with every route whose example is missing or refused; also when no route took its example (2xx).</summary>
    public static void AssertAllAccepted(IReadOnlyList<ExampleOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Assert.NotEmpty(outcomes);
        var failures = outcomes.Where(o => o.Failure is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {outcomes.Count} request examples missing or refused:\n" + string.Join("\n", failures));
        Assert.Contains(outcomes, o => o.Status is >= 200 and < 300);
    }

    private static string? Judge(int status, string answer, JsonNode example, HashSet<string> documented)
    {
        if (status is >= 200 and < 300)
        {
            return null;
        }

        if (status >= 500 || status is 401 or 403 or 415)
        {
            return $"answered {status}";
        }

        if (status == 400)
        {
            var fields = ErrorFields(answer);
            var unknownReferences = fields.Count > 0 && fields.All(f => IsFilledReference(example, f));
            return unknownReferences ? null : $"rejected with 400 (fields: {string.Join(", ", fields)})";
        }

        return documented.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) ? null : $"answered {status}, which the operation does not document";
    }

    private static List<string> ErrorFields(string answer)
    {
        try
        {
            using var problem = JsonDocument.Parse(answer);
            return problem.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? errors.EnumerateObject().Select(e => e.Name).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The field names a record (…Id, …Ids) and the example gives it one or more non-empty GUIDs.</summary>
    private static bool IsFilledReference(JsonNode example, string field)
    {
        var name = field.Split('[')[0];
        if (!name.EndsWith("Id", StringComparison.Ordinal) && !name.EndsWith("Ids", StringComparison.Ordinal))
        {
            return false;
        }

        var value = example is JsonObject obj ? obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value : null;
        IEnumerable<JsonNode?> values = value is JsonArray array ? array.ToList() : new List<JsonNode?> { value };
        var list = values.ToList();
        return list.Count > 0 && list.All(v => v is JsonValue g && g.TryGetValue<string>(out var s) && Guid.TryParse(s, out var id) && id != Guid.Empty);
    }

    /// <summary>The path with GUIDs for uuid parameters: the organisation a focal point acts for (when the body does not name it) in <c>organizationId</c>, else in the first; fresh ones elsewhere.</summary>
    private static Guid? NamedOrganization(JsonNode example) =>
        example is JsonObject body && body["organizationId"] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) ? id : null;

    private static string FillPath(string template, JsonNode operation, JsonNode document, Guid? organization)
    {
        var path = template;
        var first = true;
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            var resolved = parameter?["$ref"]?.GetValue<string>() is { } reference
                ? reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode?)document, (node, part) => node?[part])
                : parameter;
            if (resolved?["in"]?.GetValue<string>() != "path")
            {
                continue;
            }

            var name = resolved["name"]!.GetValue<string>();
            var isId = resolved["schema"]?["format"]?.GetValue<string>() == "uuid";
            var value = !isId ? "sample"
                : organization is { } org && (name == "organizationId" || (first && !template.Contains("{organizationId}", StringComparison.Ordinal))) ? org.ToString()
                : Guid.NewGuid().ToString();
            first &= !isId;
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static string Truncate(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
