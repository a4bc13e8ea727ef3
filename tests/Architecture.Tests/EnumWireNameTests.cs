extern alias campaign;
extern alias consultations;
extern alias media;
extern alias registry;

using System.Text.Json;
using System.Text.RegularExpressions;
using Iom.Architecture.Tests.Events;
using Iom.ServiceDefaults.Json;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Issue 16: an enum becomes a wire word one way — ServiceDefaults' <see cref="WireNames"/>, the kebab-case naming policy
/// of System.Text.Json, which HTTP JSON uses too. Five hand-written mechanisms (a switch per enum, ToLowerInvariant,
/// a Kebab helper) drifted before; the words on the wire stay what they were.
/// </summary>
public sealed partial class EnumWireNameTests
{
    private static readonly string[] ProductFolders = ["services", "ServiceDefaults", "gateway", "web", "AppHost"];
    private static readonly string Home = Path.Combine("ServiceDefaults", "Json", "WireNames.cs");

    [Fact]
    public void The_wire_words_are_those_the_hand_written_mechanisms_produced()
    {
        Assert.Equal("academic-institution", registry::Iom.Registry.Domain.OrganizationType.AcademicInstitution.ToWire());
        Assert.Equal("ngo", registry::Iom.Registry.Domain.OrganizationType.Ngo.ToWire());
        Assert.Equal("under-review", registry::Iom.Registry.Domain.ObserverApplicationStatus.UnderReview.ToWire());
        Assert.Equal("memorandum-of-understanding", registry::Iom.Registry.Domain.AgreementKind.MemorandumOfUnderstanding.ToWire());
        Assert.Equal("open-for-registration", consultations::Iom.Consultations.Domain.ConsultationStatus.OpenForRegistration.ToWire());
        Assert.Equal("outcome-published", consultations::Iom.Consultations.Domain.ConsultationStatus.OutcomePublished.ToWire());
        Assert.Equal("on-hold", campaign::Iom.Campaign.Domain.TestimonyState.OnHold.ToWire());
        Assert.Equal("published", media::Iom.Media.Domain.StoryStatus.Published.ToWire());
        Assert.True(WireNames.TryParse<campaign::Iom.Campaign.Domain.TestimonyState>("ON-HOLD", out var onHold));
        Assert.Equal(campaign::Iom.Campaign.Domain.TestimonyState.OnHold, onHold);
        Assert.False(WireNames.TryParse<campaign::Iom.Campaign.Domain.TestimonyState>("1", out _));
        Assert.Equal(["local", "national", "regional", "international"], WireNames.Names<registry::Iom.Registry.Domain.OrganizationScope>());
    }

    [Fact]
    public void Http_json_writes_an_enum_as_its_wire_word()
    {
        var options = new JsonSerializerOptions { Converters = { WireNames.Converter() } };
        Assert.Equal("\"on-hold\"", JsonSerializer.Serialize(campaign::Iom.Campaign.Domain.TestimonyState.OnHold, options));
        Assert.Equal(
            consultations::Iom.Consultations.Domain.ConsultationStatus.RegistrationClosed,
            JsonSerializer.Deserialize<consultations::Iom.Consultations.Domain.ConsultationStatus>("\"registration-closed\"", options));
    }

    /// <summary>No enum-to-word switch, ToLowerInvariant of an enum's name, own ToWire or own enum converter outside the home.</summary>
    [Fact]
    public void No_product_code_writes_enum_wire_names_by_hand()
    {
        var root = RepositoryFiles.Root();
        var byHand = ProductFolders
            .Where(folder => Directory.Exists(Path.Combine(root, folder)))
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetRelativePath(root, path) != Home)
            .Where(path => File.ReadAllText(path) is var text
                && (EnumToWordArm().IsMatch(text)
                    || text.Contains(".ToString().ToLowerInvariant()", StringComparison.Ordinal)
                    || text.Contains("string ToWire(", StringComparison.Ordinal)
                    || text.Contains("JsonStringEnumConverter", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        Assert.True(byHand.Count == 0, "Use Iom.ServiceDefaults.Json.WireNames (ToWire, TryParse, Names) instead of: " + string.Join(", ", byHand));
    }

    /// <summary>A switch arm from an enum member to a kebab-case word: <c>OrganizationType.TradeUnion => "trade-union",</c>.</summary>
    [GeneratedRegex("""^\s*[A-Z]\w*\.[A-Z]\w* => "[a-z0-9]+(-[a-z0-9]+)*",""", RegexOptions.Multiline)]
    private static partial Regex EnumToWordArm();
}
