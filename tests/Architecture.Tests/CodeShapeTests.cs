using System.Text.RegularExpressions;
using Iom.Architecture.Tests.Events;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Issue 16: no god files (a production file over 300 lines says why at its top) and no reader with magic column
/// positions (a column is read by name: GetOrdinal, or a reader resolving the names once, as OrganizationRows does).
/// </summary>
public sealed partial class CodeShapeTests
{
    private const int MaxLines = 300;
    private static readonly string[] ProductFolders = ["services", "ServiceDefaults", "gateway", "AppHost"];

    [Fact]
    public void No_production_file_is_over_300_lines_without_a_reason_at_its_top()
    {
        var unexplained = ProductFiles()
            .Where(path => File.ReadAllLines(path) is var lines
                && lines.Length > MaxLines
                && !lines.Take(50).Any(line => line.Contains($"than {MaxLines} lines on purpose", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root(), path))
            .ToList();
        Assert.True(unexplained.Count == 0, $"Split by job, or say at the top why it is longer than {MaxLines} lines on purpose: {string.Join(", ", unexplained)}");
    }

    [Fact]
    public void No_data_reader_reads_a_column_by_a_number_written_in_the_code()
    {
        var magic = ProductFiles()
            .Where(path => MagicOrdinal().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root(), path))
            .ToList();
        Assert.True(magic.Count == 0, "Read columns by name (GetOrdinal) instead of by position in: " + string.Join(", ", magic));
    }

    /// <summary><c>r.GetString(14)</c>, <c>reader.GetInt32(offset + 16)</c>, <c>r.IsDBNull(o + 2)</c>.</summary>
    [GeneratedRegex(@"\.(Get(String|Int16|Int32|Int64|Guid|Boolean|Float|Double|Decimal|DateTime|FieldValue<[^>]+>)|IsDBNull)\((\w+ \+ )?[0-9]+\)")]
    private static partial Regex MagicOrdinal();

    private static IEnumerable<string> ProductFiles()
    {
        var root = RepositoryFiles.Root();
        var separator = Path.DirectorySeparatorChar;
        return ProductFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
                && !path.Contains($"{separator}Migrations{separator}", StringComparison.Ordinal));
    }
}
