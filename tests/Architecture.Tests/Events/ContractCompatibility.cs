using System.Text.Json.Nodes;

namespace Iom.Architecture.Tests.Events;

/// <summary>
/// The versioning rules of docs/adr/0011 applied to two AsyncAPI documents (published → current): an event type may
/// not disappear; a member may not be removed, renamed or change its type or format; a member may be added only if it
/// may be null/absent (old messages lack it). Everything else (new events, descriptions) is compatible.
/// </summary>
public static class ContractCompatibility
{
    public static IReadOnlyList<string> Breaks(JsonNode published, JsonNode current)
    {
        var breaks = new List<string>();
        var before = published["channels"]!.AsObject();
        var after = current["channels"]!.AsObject();
        foreach (var (name, channel) in before)
        {
            if (!after.ContainsKey(name))
            {
                breaks.Add($"{name}: the event was removed (publish a new event type instead and keep this one until no one consumes it).");
                continue;
            }

            if (channel!["address"]?.ToJsonString() != after[name]!["address"]?.ToJsonString())
            {
                breaks.Add($"{name}: its exchange changed from {channel["address"]} to {after[name]!["address"]}.");
            }

            Compare(name, published["components"]!["schemas"]![name], current["components"]!["schemas"]![name], breaks);
        }

        return breaks;
    }

    private static void Compare(string path, JsonNode? before, JsonNode? after, List<string> breaks)
    {
        if (before is null || after is null)
        {
            return;
        }

        if (!SameTypes(before["type"], after["type"]))
        {
            breaks.Add($"{path}: type changed from {before["type"]?.ToJsonString()} to {after["type"]?.ToJsonString()}.");
            return;
        }

        if (before["format"]?.ToJsonString() != after["format"]?.ToJsonString())
        {
            breaks.Add($"{path}: format changed from {before["format"]?.ToJsonString() ?? "none"} to {after["format"]?.ToJsonString() ?? "none"}.");
        }

        var oldProperties = before["properties"]?.AsObject();
        var newProperties = after["properties"]?.AsObject();
        if (oldProperties is not null)
        {
            foreach (var (member, schema) in oldProperties)
            {
                if (newProperties?.ContainsKey(member) != true)
                {
                    breaks.Add($"{path}.{member}: removed or renamed.");
                    continue;
                }

                Compare($"{path}.{member}", schema, newProperties[member], breaks);
            }
        }

        if (newProperties is not null)
        {
            foreach (var (member, schema) in newProperties.Where(p => oldProperties?.ContainsKey(p.Key) != true))
            {
                if (!AllowsNull(schema))
                {
                    breaks.Add($"{path}.{member}: added as a member that cannot be null; messages already published lack it (make it nullable).");
                }
            }
        }

        Compare($"{path}[]", before["items"], after["items"], breaks);
    }

    private static bool AllowsNull(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue single => single.GetValue<string>() == "null",
        JsonArray many => many.Any(t => t?.GetValue<string>() == "null"),
        _ => true,
    };

    private static bool SameTypes(JsonNode? before, JsonNode? after)
    {
        static HashSet<string> Set(JsonNode? node) => node switch
        {
            JsonValue single => [single.GetValue<string>()],
            JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
            _ => [],
        };

        var a = Set(before);
        var b = Set(after);

        // Making a member nullable is compatible for a producer only if consumers accept null: treat it as a change.
        return a.SetEquals(b);
    }
}
