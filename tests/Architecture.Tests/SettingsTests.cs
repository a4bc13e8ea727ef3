using System.Text.RegularExpressions;
using Iom.Architecture.Tests.Events;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Issue 16: a setting is read one way — a class bound to its section and validated at start-up, through
/// ServiceDefaults' <c>AddSettings</c> / <c>ReadSettings</c> — never inline (<c>configuration["..."]</c>,
/// <c>GetValue</c>, <c>GetSection(...).Get</c>), where a typo or a bad value went unnoticed until the code ran.
/// Connection strings (<c>GetConnectionString</c>) are the composition root's and stay as they are. The AppHost is not
/// a service: it describes resources from its own configuration before any container of services exists.
/// </summary>
public sealed partial class SettingsTests
{
    private static readonly string[] ProductFolders = ["services", "ServiceDefaults", "gateway", "web"];

    /// <summary>What may stay, each with its reason.</summary>
    private static readonly (string File, string Text)[] Allowed =
    [
        // The home of the one way.
        (Path.Combine("ServiceDefaults", "Settings", "SettingsRegistration.cs"), "*"),
        // YARP reads its route table from its own section.
        (Path.Combine("gateway", "Program.cs"), "builder.Configuration.GetSection(\"ReverseProxy\")"),
        // The Aspire template's check for the OpenTelemetry exporter's environment variable, not a setting of ours.
        (Path.Combine("ServiceDefaults", "Extensions.cs"), "builder.Configuration[\"OTEL_EXPORTER_OTLP_ENDPOINT\"]"),
    ];

    [GeneratedRegex("""onfiguration\s*\[|onfiguration\??\.(GetValue|Get\s*<|GetChildren|AsEnumerable)|\.GetValue\s*<|\.GetValue\s*\(\s*"|GetSection\s*\(|BindConfiguration\s*\(|\.Bind\s*\(""")]
    private static partial Regex InlineRead();

    [Fact]
    public void No_product_code_reads_a_setting_inline()
    {
        var root = RepositoryFiles.Root();
        var inline = ProductFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path: Path.GetRelativePath(root, path), Text: File.ReadAllText(path)))
            .Select(file => (file.Path, Text: Allowed.Where(a => a.File == file.Path)
                .Aggregate(file.Text, (text, allowed) => allowed.Text == "*" ? string.Empty : text.Replace(allowed.Text, string.Empty, StringComparison.Ordinal))))
            .SelectMany(file => file.Text.Split('\n').Select((line, index) => (file.Path, Line: index + 1, Text: line.Trim())))
            .Where(line => !line.Text.StartsWith("//", StringComparison.Ordinal) && InlineRead().IsMatch(line.Text))
            .Select(line => $"{line.Path}:{line.Line}: {line.Text}")
            .ToList();
        Assert.True(inline.Count == 0, "Settings read inline (bind a settings class with AddSettings instead):\n" + string.Join("\n", inline));
    }
}
