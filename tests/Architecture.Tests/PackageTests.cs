using System.Xml.Linq;
using Iom.Architecture.Tests.Events;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>Issue 16: Directory.Packages.props versions what projects use, and a project references what it uses.</summary>
public sealed class PackageTests
{
    [Fact]
    public void Every_centrally_versioned_package_is_referenced_by_a_project()
    {
        var root = RepositoryFiles.Root();
        var versioned = XDocument.Load(Path.Combine(root, "Directory.Packages.props"))
            .Descendants("PackageVersion").Select(e => (string)e.Attribute("Include")!).ToList();
        var referenced = Projects(root)
            .SelectMany(path => XDocument.Load(path).Descendants("PackageReference").Select(e => (string?)e.Attribute("Include")))
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unused = versioned.Where(p => !referenced.Contains(p)).ToList();
        Assert.True(unused.Count == 0, "Versioned but referenced by no project: " + string.Join(", ", unused));
    }

    /// <summary>System.IO.Hashing is referenced only by the projects whose code uses it (six referenced it, one used it).</summary>
    [Fact]
    public void System_IO_Hashing_is_referenced_only_where_it_is_used()
    {
        var root = RepositoryFiles.Root();
        var unused = Projects(root)
            .Where(path => File.ReadAllText(path).Contains("Include=\"System.IO.Hashing\"", StringComparison.Ordinal))
            .Where(path => !Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.cs", SearchOption.AllDirectories)
                .Any(file => !file.Contains("/obj/", StringComparison.Ordinal) && File.ReadAllText(file).Contains("System.IO.Hashing", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        Assert.True(unused.Count == 0, "References System.IO.Hashing without using it: " + string.Join(", ", unused));
    }

    private static IEnumerable<string> Projects(string root) =>
        Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/node_modules/", StringComparison.Ordinal));
}
