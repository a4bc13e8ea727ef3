using Iom.Contracts.Reference;
using Iom.Registry.Domain;

namespace Iom.Registry.Demo;

/// <summary>
/// The demo registry: the partners the seed report names (IOM's submission to the Human Rights Council on civil
/// society space), then generated ones, deterministic, to a few hundred.
/// </summary>
internal static class DemoPartners
{
    public const int Total = 320;

    /// <summary>The report's figure: 75 NGOs hold IOM observer status.</summary>
    public const int Observers = 75;

    public static IReadOnlyList<OrganizationProfile> Named { get; } =
    [
        Profile("International Council of Voluntary Agencies", "ICVA", OrganizationType.NgoConsortium, "CH", ["CH", "JO", "KE", "TH", "PK", "SN"], [Themes.HumanitarianResponse, Themes.Advocacy, Themes.MigrationGovernance], "https://www.icvanetwork.org"),
        Profile("Friedrich-Ebert-Stiftung", "FES", OrganizationType.PhilanthropicFoundation, "DE", ["CH", "US", "ZA", "MX"], [Themes.MigrationGovernance, Themes.Research], "https://www.fes.de"),
        Profile("Global Future", null, OrganizationType.Ngo, "CH", ["CH"], [Themes.Research, Themes.MigrationGovernance], null),
        Profile("Mary Robinson Foundation – Climate Justice", "MRFCJ", OrganizationType.PhilanthropicFoundation, "IE", ["IE", "CH"], [Themes.EnvironmentAndClimateChange, Themes.Advocacy], null),
        Profile("CARE International", "CARE", OrganizationType.Ngo, "CH", ["CH", "BD", "ET", "HT", "YE", "NE"], [Themes.HumanitarianResponse, Themes.EnvironmentAndClimateChange, Themes.Advocacy], "https://www.care-international.org"),
        Profile("Internal Displacement Monitoring Centre", "IDMC", OrganizationType.Ngo, "CH", ["CH"], [Themes.Research, Themes.EnvironmentAndClimateChange, Themes.HumanitarianResponse], "https://www.internal-displacement.org"),
        Profile("Norwegian Refugee Council", "NRC", OrganizationType.Ngo, "NO", ["NO", "CH", "SO", "SY", "CO", "AF"], [Themes.HumanitarianResponse, Themes.Advocacy, Themes.Resettlement], "https://www.nrc.no"),
        Profile("Alaska Institute for Justice", null, OrganizationType.Ngo, "US", ["US"], [Themes.EnvironmentAndClimateChange, Themes.CounterTraffickingAndProtection], null),
        Profile("Refugees International", "RI", OrganizationType.Ngo, "US", ["US"], [Themes.Advocacy, Themes.HumanitarianResponse], "https://www.refugeesinternational.org"),
        Profile("Arab Network for Environment and Development", "RAED", OrganizationType.NgoConsortium, "EG", ["EG", "JO", "LB", "MA", "TN"], [Themes.EnvironmentAndClimateChange, Themes.Advocacy], null),
        Profile("Action contre la faim", "ACF", OrganizationType.Ngo, "FR", ["FR", "ML", "NE", "TD", "SS"], [Themes.HumanitarianResponse, Themes.MigrationHealth], "https://www.actioncontrelafaim.org"),
        Profile("Inter Press Service", "IPS", OrganizationType.MediaOrganisation, "IT", ["IT", "US", "KE", "UY", "TH"], [Themes.Media, Themes.CounteringXenophobia], "https://www.ipsnews.net"),
        Profile("The Hugo Observatory: Environment, Migration and Politics", "Hugo Observatory", OrganizationType.AcademicInstitution, "BE", ["BE"], [Themes.EnvironmentAndClimateChange, Themes.Research], null),
        Profile("Sciences Po Paris", "Sciences Po", OrganizationType.AcademicInstitution, "FR", ["FR"], [Themes.Research, Themes.EnvironmentAndClimateChange], "https://www.sciencespo.fr"),
    ];

    private static readonly string[] Forms = ["Association for", "Centre for", "Network for", "Foundation for", "Alliance for", "Institute of", "Council for", "Initiative for", "Coalition for", "Forum on"];

    private static readonly (string Topic, string Theme)[] Topics =
    [
        ("Migrant Rights", Themes.Advocacy), ("Refugee Resettlement", Themes.Resettlement), ("Migrant Health", Themes.MigrationHealth),
        ("Diaspora Development", Themes.Diaspora), ("Climate Mobility", Themes.EnvironmentAndClimateChange), ("Survivors of Trafficking", Themes.CounterTraffickingAndProtection),
        ("Return and Reintegration", Themes.AssistedVoluntaryReturnAndReintegration), ("Humanitarian Relief", Themes.HumanitarianResponse), ("Migration Policy", Themes.MigrationGovernance),
        ("Migration Research", Themes.Research), ("Community Capacity", Themes.CapacityBuilding), ("Migrant Voices in Media", Themes.Media),
    ];

    private static readonly string[] Countries = ["KE", "NG", "SN", "GH", "ET", "UG", "MA", "EG", "TN", "ZA", "BD", "PK", "IN", "NP", "PH", "ID", "TH", "LB", "JO", "TR", "MX", "GT", "CO", "EC", "BR", "AR", "HT", "DE", "FR", "IT", "ES", "GR", "GB", "SE", "US", "CA", "AU", "FJ", "SO", "SD"];

    private static readonly OrganizationType[] Types =
    [
        OrganizationType.Ngo, OrganizationType.Ngo, OrganizationType.Ngo, OrganizationType.Cso, OrganizationType.Cso, OrganizationType.AcademicInstitution,
        OrganizationType.DiasporaOrganisation, OrganizationType.MigrantOrganisation, OrganizationType.TradeUnion, OrganizationType.MediaOrganisation,
        OrganizationType.PhilanthropicFoundation, OrganizationType.NgoConsortium,
    ];

    /// <summary>The generated partners, the same on every run.</summary>
    public static IEnumerable<OrganizationProfile> Generated(int count)
    {
        var random = new Random(1984);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Count < count)
        {
            var (topic, theme) = Topics[random.Next(Topics.Length)];
            var country = Countries[random.Next(Countries.Length)];
            var place = Iom.Contracts.Reference.Countries.All[country].Name;
            var name = $"{Forms[random.Next(Forms.Length)]} {topic} {(random.Next(3) == 0 ? "International" : place)}";
            if (!seen.Add(name + country))
            {
                continue;
            }

            var scope = (OrganizationScope)random.Next(4);
            var operations = Enumerable.Range(0, scope is OrganizationScope.Local or OrganizationScope.National ? 0 : random.Next(1, 5))
                .Select(_ => Countries[random.Next(Countries.Length)]).Append(country).Distinct().Order(StringComparer.Ordinal).ToList();
            var themes = new[] { theme, Topics[random.Next(Topics.Length)].Theme }.Distinct().Order(StringComparer.Ordinal).ToList();
            var acronym = string.Concat(name.Split(' ').Where(w => w.Length > 3 && char.IsUpper(w[0])).Select(w => w[0]));
            yield return new OrganizationProfile(name, acronym.Length >= 2 ? acronym : null, Types[random.Next(Types.Length)], scope, country, operations, themes, ["en"], null, null);
        }
    }

    private static OrganizationProfile Profile(string name, string? acronym, OrganizationType type, string country, string[] operations, string[] themes, string? website) =>
        new(name, acronym, type, OrganizationScope.International, country, operations.Append(country).Distinct().Order(StringComparer.Ordinal).ToList(), [.. themes.Order(StringComparer.Ordinal)], ["en", "fr"], website, null);
}
