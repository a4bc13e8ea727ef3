using System.Reflection;
using System.Text.RegularExpressions;
using Iom.Architecture.Tests.Events;
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

    /// <summary>
    /// Our types live in our namespaces (<c>Iom.*</c>), where a reader looks for them. The one exception is the Aspire
    /// template's entry point, <c>ServiceDefaults/Extensions.cs</c> (AddServiceDefaults, MapDefaultEndpoints), kept in
    /// Microsoft.Extensions.Hosting on purpose (ADR 0012).
    /// </summary>
    [Fact]
    public void Only_the_Aspire_entry_point_is_declared_in_a_Microsoft_or_System_namespace()
    {
        string[] allowed = [Path.Combine("ServiceDefaults", "Extensions.cs")];
        var root = RepositoryFiles.Root();
        var declaration = new Regex(@"^\s*namespace\s+(Microsoft|System)(\.|\s|;|\{)", RegexOptions.Multiline);
        var misplaced = new[] { "services", "ServiceDefaults", "gateway", "web", "AppHost", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => declaration.IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(root, path))
            .Except(allowed)
            .ToList();
        Assert.True(misplaced.Count == 0, "Types declared in a Microsoft.* or System.* namespace (use Iom.*): " + string.Join(", ", misplaced));
    }
}
