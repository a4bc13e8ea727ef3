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

    [Fact]
    public void No_product_code_hand_writes_base64url()
    {
        var root = RepositoryFiles.Root();
        var handWritten = ProductFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path =>
            {
                var text = File.ReadAllText(path);
                return text.Contains(".Replace('+', '-')", StringComparison.Ordinal) || text.Contains(".Replace('-', '+')", StringComparison.Ordinal);
            })
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        Assert.True(handWritten.Count == 0, "Use System.Buffers.Text.Base64Url instead of: " + string.Join(", ", handWritten));
    }
}
