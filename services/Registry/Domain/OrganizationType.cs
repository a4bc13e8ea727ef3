namespace Iom.Registry.Domain;

/// <summary>The kinds of civil-society partner the seed report names.</summary>
public enum OrganizationType
{
    Ngo,
    Cso,
    AcademicInstitution,
    DiasporaOrganisation,
    MigrantOrganisation,
    TradeUnion,
    MediaOrganisation,
    PhilanthropicFoundation,
    NgoConsortium,
}

/// <summary>The wire names of <see cref="OrganizationType"/> ("academic-institution"), used in the API and in events.</summary>
public static class OrganizationTypes
{
    private static readonly Dictionary<string, OrganizationType> ByName =
        Enum.GetValues<OrganizationType>().ToDictionary(ToWire, t => t, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? value, out OrganizationType type) =>
        ByName.TryGetValue(value ?? string.Empty, out type);

    public static string ToWire(this OrganizationType type) => type switch
    {
        OrganizationType.Ngo => "ngo",
        OrganizationType.Cso => "cso",
        OrganizationType.AcademicInstitution => "academic-institution",
        OrganizationType.DiasporaOrganisation => "diaspora-organisation",
        OrganizationType.MigrantOrganisation => "migrant-organisation",
        OrganizationType.TradeUnion => "trade-union",
        OrganizationType.MediaOrganisation => "media-organisation",
        OrganizationType.PhilanthropicFoundation => "philanthropic-foundation",
        OrganizationType.NgoConsortium => "ngo-consortium",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
