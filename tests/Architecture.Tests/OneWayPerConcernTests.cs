using Iom.Architecture.Tests.Events;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Issue 16: a mechanism the framework already has is not written again by hand. Base64url (cursors, receipt secrets,
/// feed keys) is System.Buffers.Text.Base64Url everywhere — three hand-written copies drifted before.
/// </summary>
public sealed class OneWayPerConcernTests
{
    private static readonly string[] ProductFolders = ["services", "ServiceDefaults", "gateway", "web", "AppHost"];

    /// <summary>
    /// Consumers: registered by assembly in each service's Program.cs, with the retry configured once for every endpoint
    /// by Messaging's AddMessaging — no service configures a retry of its own (19 identical definitions did before).
    /// </summary>
    [Theory]
    [InlineData("Consultations")]
    [InlineData("Campaign")]
    [InlineData("Media")]
    public void Consumers_are_registered_by_assembly_and_no_service_configures_its_own_retry(string service)
    {
        var folder = Path.Combine(RepositoryFiles.Root(), "services", service);
        Assert.Contains("bus => bus.AddConsumers(typeof(Program).Assembly)", File.ReadAllText(Path.Combine(folder, "Program.cs")), StringComparison.Ordinal);
        var own = SourceFiles(folder)
            .Where(path => File.ReadAllText(path) is var text && (text.Contains("UseMessageRetry", StringComparison.Ordinal) || text.Contains("UseStandardRetry", StringComparison.Ordinal) || text.Contains("AddConsumer<", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(folder, path))
            .ToList();
        Assert.True(own.Count == 0, $"{service} registers consumers or configures retries itself in: {string.Join(", ", own)}");
    }

    /// <summary>If-None-Match is read in one place, ServiceDefaults' EntityTags (a web client may still send it).</summary>
    [Fact]
    public void If_None_Match_is_read_only_by_the_shared_entity_tags()
    {
        var root = RepositoryFiles.Root();
        var home = Path.Combine("ServiceDefaults", "Caching", "EntityTags.cs");
        var readers = ProductFolders
            .SelectMany(folder => SourceFiles(Path.Combine(root, folder)))
            .Where(path => File.ReadAllText(path).Replace("Headers.IfNoneMatch.Add(", string.Empty, StringComparison.Ordinal).Contains("Headers.IfNoneMatch", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        Assert.Equal([home], readers);
    }

    [Fact]
    public void No_product_code_hand_writes_base64url()
    {
        var root = RepositoryFiles.Root();
        var handWritten = ProductFolders
            .SelectMany(folder => SourceFiles(Path.Combine(root, folder)))
            .Where(path =>
            {
                var text = File.ReadAllText(path);
                return text.Contains(".Replace('+', '-')", StringComparison.Ordinal) || text.Contains(".Replace('-', '+')", StringComparison.Ordinal);
            })
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        Assert.True(handWritten.Count == 0, "Use System.Buffers.Text.Base64Url instead of: " + string.Join(", ", handWritten));
    }

    /// <summary>Names change case through System.Text.Json's naming policies (ADR 0012), not a hand-written loop over characters.</summary>
    [Fact]
    public void No_product_code_converts_name_case_by_hand()
    {
        var root = RepositoryFiles.Root();
        var handWritten = ProductFolders
            .SelectMany(folder => SourceFiles(Path.Combine(root, folder)))
            .Where(path => File.ReadAllText(path) is var text
                && text.Contains("char.IsUpper(", StringComparison.Ordinal)
                && (text.Contains(".Append('_')", StringComparison.Ordinal) || text.Contains(".Append('-')", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        Assert.True(handWritten.Count == 0, "Use JsonNamingPolicy.SnakeCaseLower / KebabCaseLower instead of: " + string.Join(", ", handWritten));
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
