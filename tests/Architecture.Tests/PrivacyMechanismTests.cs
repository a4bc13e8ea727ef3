using System.Reflection;
using NetArchTest.Rules;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Personal-data screening and receipt secrets (anonymous testimonies in Campaign, anonymous forum contributions and
/// syndicate invitation tokens in Consultations) have one home, ServiceDefaults' Iom.ServiceDefaults.Privacy: no
/// service keeps a copy of its own, and the services that need them really use the shared one.
/// </summary>
public sealed class PrivacyMechanismTests
{
    private const string Home = "Iom.ServiceDefaults.Privacy";

    [Theory]
    [InlineData("Iom.Campaign")]
    [InlineData("Iom.Consultations")]
    public void Services_with_anonymous_contributors_use_the_shared_screening_and_receipts(string service)
    {
        var assembly = Assembly.Load(service);
        var users = Types.InAssembly(assembly).That().HaveDependencyOn(Home).GetTypes().ToList();
        Assert.True(users.Count >= 2, $"{service} does not use {Home}");
    }

    [Theory]
    [MemberData(nameof(DependencyRulesTests.ServiceNames), MemberType = typeof(DependencyRulesTests))]
    public void No_service_keeps_its_own_screening_or_receipt_mechanism(string service)
    {
        var own = Types.InAssembly(Assembly.Load(service))
            .That().HaveNameStartingWith("Screening").Or().HaveNameStartingWith("ConsentReceipt")
            .GetTypes().Select(t => t.FullName).ToList();
        Assert.True(own.Count == 0, $"{service} defines its own: {string.Join(", ", own)}");
    }

    [Fact]
    public void The_shared_home_holds_both_mechanisms()
    {
        var home = Types.InAssembly(Assembly.Load("ServiceDefaults")).That().ResideInNamespace(Home).GetTypes().Select(t => t.Name).ToList();
        Assert.Contains("Screening", home);
        Assert.Contains("ConsentReceipt", home);
    }
}
