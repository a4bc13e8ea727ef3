using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Iom.Architecture.Tests.Events;

/// <summary>
/// Issue 13 §3: the AsyncAPI document (docs/asyncapi/events.json, served by the gateway at /asyncapi/events.json) is
/// generated from the contracts, lists every one of them, and the contracts change only compatibly. After a
/// compatible change, regenerate with <c>IOM_UPDATE_ASYNCAPI=1 dotnet test tests/Architecture.Tests</c>.
/// </summary>
public sealed class EventContractTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string CheckedInPath => Path.Combine(RepositoryFiles.Root(), RepositoryFiles.AsyncApiPath);

    [Fact]
    public void Every_contract_type_has_a_channel_on_its_MassTransit_exchange_a_message_and_a_payload_schema()
    {
        var document = AsyncApiGenerator.Generate();
        var types = AsyncApiGenerator.ContractTypes();
        Assert.True(types.Count >= 20, $"Only {types.Count} contract types found: is the Contracts assembly the right one?");
        foreach (var type in types)
        {
            Assert.Equal($"Iom.Contracts.{AsyncApiGenerator.PublisherOf(type)}:{type.Name}", document["channels"]![type.Name]!["address"]!.GetValue<string>());
            Assert.Equal("fanout", document["channels"]![type.Name]!["bindings"]!["amqp"]!["exchange"]!["type"]!.GetValue<string>());
            Assert.NotNull(document["components"]!["messages"]![type.Name]);
            var properties = document["components"]!["schemas"]![type.Name]!["properties"]!.AsObject();
            Assert.Equal(
                type.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal),
                properties.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Consumers_are_found_by_scanning_the_services_consumer_types()
    {
        var document = AsyncApiGenerator.Generate();

        // Consultations keeps its partner read model from Registry's events; Media tombstones stories when consent is withdrawn.
        Assert.Contains("Consultations", Consumers(document, "PartnerRegistered"));
        Assert.Contains("Media", Consumers(document, "ConsentWithdrawn"));
        Assert.Equal("Registry", document["components"]!["messages"]!["PartnerRegistered"]!["x-publisher"]!.GetValue<string>());
        Assert.NotNull(document["operations"]!["consultationsReceivesPartnerRegistered"]);
    }

    [Fact]
    public void The_checked_in_document_is_what_the_contracts_generate()
    {
        var generated = AsyncApiGenerator.Generate().ToJsonString(Indented) + "\n";
        if (Environment.GetEnvironmentVariable("IOM_UPDATE_ASYNCAPI") == "1")
        {
            var published = File.Exists(CheckedInPath) ? JsonNode.Parse(File.ReadAllText(CheckedInPath)) : null;
            var breaks = published is null ? [] : ContractCompatibility.Breaks(published, JsonNode.Parse(generated)!);
            Assert.True(breaks.Count == 0, "Not regenerated, the change is incompatible:\n" + string.Join("\n", breaks));
            File.WriteAllText(CheckedInPath, generated);
        }

        Assert.True(File.Exists(CheckedInPath), $"{RepositoryFiles.AsyncApiPath} is missing: run IOM_UPDATE_ASYNCAPI=1 dotnet test tests/Architecture.Tests");
        Assert.True(File.ReadAllText(CheckedInPath) == generated,
            $"{RepositoryFiles.AsyncApiPath} is stale: the contracts or their consumers changed. Regenerate with IOM_UPDATE_ASYNCAPI=1 dotnet test tests/Architecture.Tests");
    }

    [Fact]
    public void The_contracts_changed_only_compatibly_since_the_checked_in_document()
    {
        var published = JsonNode.Parse(File.ReadAllText(CheckedInPath))!;
        var breaks = ContractCompatibility.Breaks(published, AsyncApiGenerator.Generate());
        Assert.True(breaks.Count == 0, "Incompatible contract changes (docs/adr/0011):\n" + string.Join("\n", breaks));
    }

    [Fact]
    public void The_compatibility_check_refuses_a_removed_a_retyped_and_a_required_new_member_and_accepts_an_optional_one()
    {
        var published = AsyncApiGenerator.Generate();
        JsonNode Changed(Action<JsonObject> change)
        {
            var copy = published.DeepClone();
            change(copy["components"]!["schemas"]!["PartnerRegistered"]!["properties"]!.AsObject());
            return copy;
        }

        Assert.Contains(ContractCompatibility.Breaks(published, Changed(p => p.Remove("name"))), b => b.Contains("PartnerRegistered.name: removed", StringComparison.Ordinal));
        Assert.Contains(ContractCompatibility.Breaks(published, Changed(p => p["name"] = new JsonObject { ["type"] = "integer" })), b => b.Contains("PartnerRegistered.name: type changed", StringComparison.Ordinal));
        Assert.Contains(ContractCompatibility.Breaks(published, Changed(p => p["budget"] = new JsonObject { ["type"] = "number" })), b => b.Contains("PartnerRegistered.budget: added", StringComparison.Ordinal));
        Assert.Empty(ContractCompatibility.Breaks(published, Changed(p => p["budget"] = new JsonObject { ["type"] = new JsonArray("number", "null") })));

        var withoutEvent = published.DeepClone();
        withoutEvent["channels"]!.AsObject().Remove("PartnerRegistered");
        Assert.Contains(ContractCompatibility.Breaks(published, withoutEvent), b => b.StartsWith("PartnerRegistered: the event was removed", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Consumers(JsonNode document, string name) =>
        document["components"]!["messages"]![name]!["x-consumers"]!.AsArray().Select(c => c!.GetValue<string>());
}
