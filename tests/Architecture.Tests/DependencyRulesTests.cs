using System.Reflection;
using NetArchTest.Rules;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// What the design picture says, checked on the compiled assemblies: services meet only through Contracts,
/// endpoints never touch the bus, and the shared rooms do not lean on the services.
/// </summary>
public sealed class DependencyRulesTests
{
    public static readonly string[] Services = ["Iom.Registry", "Iom.Consultations", "Iom.Campaign", "Iom.Media"];

    public static TheoryData<string> ServiceNames => new(Services);

    private static Assembly Load(string name) => Assembly.Load(name);

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_references_no_other_service_only_Contracts(string service)
    {
        var assembly = Load(service);
        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        // Guard against checking the wrong assembly: this one is a service that really uses the shared rooms.
        Assert.Contains("Iom.Contracts", references);
        Assert.Contains("Iom.Messaging", references);
        Assert.DoesNotContain(references, r => Services.Contains(r) && r != service);

        var others = Services.Where(s => s != service).ToArray();
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(others).GetResult();
        Assert.True(result.IsSuccessful, $"{service} types depending on another service: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Endpoints_and_use_cases_never_touch_MassTransit_only_consumers_do(string service)
    {
        var assembly = Load(service);
        var checkedTypes = Types.InAssembly(assembly)
            .That().DoNotHaveNameEndingWith("Consumer")
            .And().DoNotHaveNameEndingWith("ConsumerDefinition")
            .And().DoNotHaveNameEndingWith("Consumers") // the bus registration of a feature's consumers
            .And().DoNotHaveName("Program")
            .And().DoNotResideInNamespaceEndingWith("Migrations");
        var result = checkedTypes
            .And().DoNotHaveNameStartingWith("<")
            .ShouldNot().HaveDependencyOn("MassTransit")
            .GetResult();

        // Nested compiler-generated types of Program (the AddMessaging lambda) are Program's own.
        var failing = (result.FailingTypes ?? []).Where(t => t.DeclaringType?.Name != "Program").Select(t => t.FullName).ToList();
        Assert.True(failing.Count == 0, $"{service}: types outside consumers depending on MassTransit: {string.Join(", ", failing)}");

        // The rule sees endpoints at all (an empty selection would pass forever).
        Assert.Contains(checkedTypes.GetTypes(), t => t.Name.EndsWith("Endpoints", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dependency_check_does_detect_MassTransit_in_a_consumer()
    {
        // The rule above would be worthless if NetArchTest could not see MassTransit where it is used.
        var consumers = Types.InAssembly(Load("Iom.Consultations")).That().HaveNameEndingWith("Consumer").GetTypes().ToList();
        Assert.NotEmpty(consumers);
        Assert.False(Types.InAssembly(Load("Iom.Consultations")).That().HaveNameEndingWith("Consumer")
            .ShouldNot().HaveDependencyOn("MassTransit").GetResult().IsSuccessful);
    }

    [Fact]
    public void Contracts_depend_on_nothing_of_ours_and_on_no_framework_beyond_the_base_library()
    {
        var contracts = Load("Iom.Contracts");
        var references = contracts.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, r => Assert.True(r.StartsWith("System", StringComparison.Ordinal) || r == "netstandard", $"Contracts references {r}"));
        Assert.Contains(contracts.GetTypes(), t => t.Namespace == "Iom.Contracts.Registry");
    }

    [Theory]
    [InlineData("Iom.Messaging")]
    [InlineData("Iom.Data")]
    [InlineData("ServiceDefaults")]
    [InlineData("Iom.Gateway")]
    [InlineData("Iom.Together")]
    public void Shared_rooms_and_the_gateway_do_not_depend_on_any_service(string name)
    {
        var references = Load(name).GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, Services.Contains);
        var result = Types.InAssembly(Load(name)).ShouldNot().HaveDependencyOnAny(Services).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_web_front_is_a_client_of_the_gateway_with_no_database_and_no_broker()
    {
        // Issue 17: the front calls the services only through the gateway's public routes, like any client.
        var result = Types.InAssembly(Load("Iom.Together"))
            .ShouldNot().HaveDependencyOnAny("MassTransit", "Microsoft.EntityFrameworkCore", "Npgsql", "StackExchange.Redis", "Iom.Messaging")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        Assert.Contains(Load("Iom.Together").GetTypes(), t => t.Name == "CampaignApi");
    }

    [Fact]
    public void Integration_events_are_records_named_in_the_past_tense()
    {
        var events = Load("Iom.Contracts").GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.Namespace != "Iom.Contracts.Reference" && t.GetMethod("<Clone>$") is not null)
            .ToList();
        Assert.True(events.Count >= 25, $"only {events.Count} events found");
        string[] pastTense = ["ed", "Held", "Sent", "Withdrawn"];
        Assert.All(events, e => Assert.True(pastTense.Any(e.Name.EndsWith), $"{e.Name} is not in the past tense"));
    }
}
