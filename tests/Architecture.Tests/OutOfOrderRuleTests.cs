using System.Reflection;
using NetArchTest.Rules;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Registry's partner events reach Campaign, Consultations and Media on separate queues, in any order. One rule decides
/// what an early status event does (Messaging's OutOfOrderEvents); each service's partner read model must use it, and no
/// partner consumer may decide by itself whether the partner exists (the old ways: throw and wait, or drop the event).
/// </summary>
public sealed class OutOfOrderRuleTests
{
    public static TheoryData<string> PartnerReadModels => new(["Iom.Consultations", "Iom.Campaign", "Iom.Media"]);

    [Theory]
    [MemberData(nameof(PartnerReadModels))]
    public void The_partner_read_model_is_kept_by_Messagings_out_of_order_rule(string service)
    {
        var assembly = Assembly.Load(service);
        var partners = Types.InAssembly(assembly).That().ResideInNamespace(service + ".Partners");

        var users = partners.And().HaveDependencyOn("Iom.Messaging.OutOfOrderEvents").GetTypes().ToList();
        Assert.True(users.Count > 0, $"{service}.Partners does not use Iom.Messaging.OutOfOrderEvents");

        // Every consumer of a Registry status event or registration reaches the rule: itself or through a helper of
        // the Partners folder that uses it.
        var helpers = users.Select(t => t.FullName!).ToArray();
        var consumers = Types.InAssembly(assembly).That().ResideInNamespace(service + ".Partners")
            .And().HaveNameMatching("^Partner(Registered|Suspended|Reinstated|Archived)Consumer$").GetTypes().ToList();
        Assert.Equal(4, consumers.Count);
        var bypassing = consumers.Where(c => !helpers.Contains(c.FullName) && !Types.InAssembly(assembly).That()
            .HaveName(c.Name).Should().HaveDependencyOnAny(helpers).GetResult().IsSuccessful).Select(c => c.Name).ToList();
        Assert.True(bypassing.Count == 0, $"{service}: consumers not using the out-of-order rule: {string.Join(", ", bypassing)}");
    }
}
