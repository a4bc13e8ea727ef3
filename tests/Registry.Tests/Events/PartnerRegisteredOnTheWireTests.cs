using System.Text.Json.Nodes;
using Iom.Contracts.Registry;
using Iom.TestSupport;
using Json.Schema;
using Xunit;

namespace Iom.Registry.Tests.Events;

/// <summary>
/// Issue 13 §3: what a third party's own queue receives matches the published contract (docs/asyncapi/events.json)
/// and carries no details of the publishing host.
/// </summary>
public sealed class PartnerRegisteredOnTheWireTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task A_PartnerRegistered_taken_off_the_broker_validates_against_its_AsyncAPI_schema_and_has_no_host_block()
    {
        await using var probe = await BusProbe.StartAsync(registry.Servers.RabbitMq, typeof(PartnerRegistered));
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("Wire Check"), "KE"));

        var seen = await probe.WaitForAsync<PartnerRegistered>(m => m.GetProperty("partnerId").GetGuid() == id);

        var envelope = JsonNode.Parse(seen.RawBody)!.AsObject();
        Assert.False(envelope.ContainsKey("host"), "The envelope still tells consumers about the publishing host: " + envelope["host"]);
        Assert.Equal("urn:message:Iom.Contracts.Registry:PartnerRegistered", envelope["messageType"]![0]!.GetValue<string>());
        Assert.Equal(seen.MessageId, Guid.Parse(envelope["messageId"]!.GetValue<string>()));

        var document = JsonNode.Parse(await File.ReadAllTextAsync(AsyncApiFile()))!;
        var schema = JsonSchema.FromText(document["components"]!["schemas"]!["PartnerRegistered"]!.ToJsonString());
        var result = schema.Evaluate(envelope["message"], new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, "The message does not match its schema: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));

        // The check can fail: the same message without a member the contract has is refused.
        var broken = envelope["message"]!.DeepClone().AsObject();
        broken.Remove("partnerId");
        broken["name"] = 42;
        Assert.False(schema.Evaluate(broken).IsValid);
    }

    private static string AsyncApiFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "asyncapi", "events.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/asyncapi/events.json not found above " + AppContext.BaseDirectory);
    }
}
