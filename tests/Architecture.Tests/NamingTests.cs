using System.Reflection;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>Issue 16: names say what a type is and where it lives — no "I" prefix on a class, no namespace that stutters.</summary>
public sealed class NamingTests
{
    public static TheoryData<string> Assemblies => new(["Iom.Registry", "Iom.Consultations", "Iom.Campaign", "Iom.Media", "Iom.Messaging", "ServiceDefaults", "Iom.Gateway"]);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Only_interfaces_are_named_with_an_I_prefix(string assembly)
    {
        var misnamed = Assembly.Load(assembly).GetTypes()
            .Where(t => !t.IsInterface && !t.IsNested && t.Name.Length > 1 && t.Name[0] == 'I' && char.IsUpper(t.Name[1]) && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(misnamed.Count == 0, "Classes named like interfaces: " + string.Join(", ", misnamed));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_namespace_repeats_its_parent(string assembly)
    {
        var stuttering = Assembly.Load(assembly).GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Distinct()
            .Where(ns => ns.Split('.') is var parts && parts.Zip(parts.Skip(1)).Any(pair => pair.First == pair.Second))
            .ToList();
        Assert.True(stuttering.Count == 0, "Namespaces that stutter: " + string.Join(", ", stuttering));
    }
}
