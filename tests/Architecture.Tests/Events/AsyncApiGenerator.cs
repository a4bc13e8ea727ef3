using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace Iom.Architecture.Tests.Events;

/// <summary>
/// Writes the AsyncAPI 3.0 document of the integration events from what the code says: every public event type in
/// services/Contracts (publisher: the service its namespace names), the services that consume it (types implementing
/// MassTransit's IConsumer&lt;T&gt; in each service assembly), its exchange as MassTransit names it
/// (<c>Iom.Contracts.Registry:PartnerRegistered</c>, fanout), the MassTransit envelope and the payload's JSON Schema
/// (camelCase, as MassTransit's System.Text.Json serializer writes it).
/// </summary>
public static class AsyncApiGenerator
{
    public const string ContractsAssembly = "Iom.Contracts";

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    public static readonly IReadOnlyList<(string Service, string Assembly)> Services =
    [
        ("Registry", "Iom.Registry"), ("Consultations", "Iom.Consultations"), ("Campaign", "Iom.Campaign"), ("Media", "Iom.Media"),
    ];

    /// <summary>The events: public, non-static classes of the Contracts assembly outside Iom.Contracts.Reference.</summary>
    public static IReadOnlyList<Type> ContractTypes() =>
        [.. Assembly.Load(ContractsAssembly).GetExportedTypes()
            .Where(t => t.IsClass && !(t.IsAbstract && t.IsSealed) && t.Namespace != "Iom.Contracts.Reference")
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static string ExchangeOf(Type type) => $"{type.Namespace}:{type.Name}";

    public static string PublisherOf(Type type) => type.Namespace!.Split('.')[^1];

    public static Dictionary<Type, List<string>> Consumers()
    {
        var consumers = new Dictionary<Type, List<string>>();
        foreach (var (service, assemblyName) in Services)
        {
            foreach (var type in Assembly.Load(assemblyName).GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
            {
                foreach (var contract in type.GetInterfaces()
                    .Where(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == "MassTransit.IConsumer`1")
                    .Select(i => i.GetGenericArguments()[0]))
                {
                    if (!consumers.TryGetValue(contract, out var list))
                    {
                        consumers[contract] = list = [];
                    }

                    if (!list.Contains(service))
                    {
                        list.Add(service);
                    }
                }
            }
        }

        return consumers;
    }

    public static JsonSchemaExporterOptions SchemaOptions { get; } = new()
    {
        TreatNullObliviousAsNonNullable = true,
    };

    /// <summary>JSON Schema of a payload as it travels (camelCase, nullability from the C# annotations).</summary>
    public static JsonNode PayloadSchema(Type type) => Wire.GetJsonSchemaAsNode(type, SchemaOptions);

    public static JsonObject Generate()
    {
        var consumers = Consumers();
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject { ["MassTransitEnvelope"] = Envelope() };
        foreach (var type in ContractTypes())
        {
            var name = type.Name;
            var exchange = ExchangeOf(type);
            var publisher = PublisherOf(type);
            var consumedBy = consumers.TryGetValue(type, out var list) ? list.Order(StringComparer.Ordinal).ToList() : [];
            schemas[name] = PayloadSchema(type);
            messages[name] = new JsonObject
            {
                ["name"] = name,
                ["title"] = name,
                ["contentType"] = "application/vnd.masstransit+json",
                ["summary"] = $"Published by {publisher}; consumed by {(consumedBy.Count == 0 ? "no service of the suite (for integrators)" : string.Join(", ", consumedBy))}.",
                ["payload"] = new JsonObject
                {
                    ["allOf"] = new JsonArray(
                        new JsonObject { ["$ref"] = "#/components/schemas/MassTransitEnvelope" },
                        new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject
                            {
                                ["messageType"] = new JsonObject { ["type"] = "array", ["contains"] = new JsonObject { ["const"] = $"urn:message:{exchange}" } },
                                ["message"] = new JsonObject { ["$ref"] = $"#/components/schemas/{name}" },
                            },
                        }),
                },
                ["x-publisher"] = publisher,
                ["x-consumers"] = new JsonArray([.. consumedBy.Select(c => (JsonNode)c)]),
            };
            channels[name] = new JsonObject
            {
                ["address"] = exchange,
                ["description"] = $"The fanout exchange MassTransit declares for {type.FullName}. Bind a queue of your own to it.",
                ["messages"] = new JsonObject { [name] = new JsonObject { ["$ref"] = $"#/components/messages/{name}" } },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations[$"publish{name}"] = new JsonObject
            {
                ["action"] = "send",
                ["title"] = $"{publisher} publishes {name}",
                ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{name}" },
                ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{name}/messages/{name}" }),
            };
            foreach (var consumer in consumedBy)
            {
                operations[$"{consumer.ToLowerInvariant()}Receives{name}"] = new JsonObject
                {
                    ["action"] = "receive",
                    ["title"] = $"{consumer} consumes {name}",
                    ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{name}" },
                    ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{name}/messages/{name}" }),
                };
            }
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "IOM civil society suite: integration events",
                ["version"] = "1.0.0",
                ["description"] =
                    "The events the four services publish on RabbitMQ through MassTransit (generated from services/Contracts by " +
                    "tests/Architecture.Tests; do not edit by hand). Each event has a fanout exchange named after its .NET type " +
                    "(`Iom.Contracts.<Service>:<Event>`); bind a queue of your own to it. Messages are MassTransit JSON envelopes " +
                    "(`application/vnd.masstransit+json`) whose `message` is the payload. Deduplicate by `messageId`: delivery is at " +
                    "least once. Compatibility rules: docs/adr/0011-event-contract-versioning.md. See README, \"Integrating with the events\".",
            },
            ["defaultContentType"] = "application/vnd.masstransit+json",
            ["servers"] = new JsonObject
            {
                ["local"] = new JsonObject
                {
                    ["host"] = "localhost:56729",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "The broker of scripts/run.sh in local mode (user guest, password guest, vhost /).",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
    }

    private static JsonObject Envelope() => new()
    {
        ["type"] = "object",
        ["description"] = "MassTransit's JSON envelope. `message` holds the payload; `messageType` lists `urn:message:<namespace>:<type>`.",
        ["required"] = new JsonArray("messageId", "messageType", "message"),
        ["properties"] = new JsonObject
        {
            ["messageId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "Unique per event; the same on redelivery: deduplicate by it." },
            ["conversationId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["correlationId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["sourceAddress"] = new JsonObject { ["type"] = "string" },
            ["destinationAddress"] = new JsonObject { ["type"] = "string", ["description"] = "The exchange, e.g. rabbitmq://host/Iom.Contracts.Registry:PartnerRegistered." },
            ["messageType"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["headers"] = new JsonObject { ["type"] = "object", ["description"] = "Trace context (traceparent) and MassTransit headers." },
            ["message"] = new JsonObject { ["type"] = "object" },
        },
    };
}
