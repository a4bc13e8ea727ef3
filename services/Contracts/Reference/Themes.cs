namespace Iom.Contracts.Reference;

/// <summary>Thematic areas used to tag content, projects and campaigns (kebab-case identifiers).</summary>
public static class Themes
{
    public const string Resettlement = "resettlement";
    public const string MigrationHealth = "migration-health";
    public const string Diaspora = "diaspora";
    public const string EnvironmentAndClimateChange = "environment-and-climate-change";
    public const string CounterTraffickingAndProtection = "counter-trafficking-and-protection";
    public const string AssistedVoluntaryReturnAndReintegration = "assisted-voluntary-return-and-reintegration";
    public const string HumanitarianResponse = "humanitarian-response";
    public const string MigrationGovernance = "migration-governance";
    public const string Research = "research";
    public const string Advocacy = "advocacy";
    public const string CapacityBuilding = "capacity-building";
    public const string Media = "media";

    // Campaign / media side.
    public const string DiversityAndInclusion = "diversity-and-inclusion";
    public const string CounteringXenophobia = "countering-xenophobia";
    public const string Volunteerism = "volunteerism";

    /// <summary>All themes, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Resettlement,
        MigrationHealth,
        Diaspora,
        EnvironmentAndClimateChange,
        CounterTraffickingAndProtection,
        AssistedVoluntaryReturnAndReintegration,
        HumanitarianResponse,
        MigrationGovernance,
        Research,
        Advocacy,
        CapacityBuilding,
        Media,
        DiversityAndInclusion,
        CounteringXenophobia,
        Volunteerism,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="theme"/> is a known theme (case-insensitive).</summary>
    public static bool IsKnown(string? theme) => theme is not null && Known.Contains(theme);
}
