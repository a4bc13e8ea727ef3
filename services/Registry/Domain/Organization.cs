using Iom.Contracts.Reference;

namespace Iom.Registry.Domain;

/// <summary>A civil-society partner organisation.</summary>
public sealed class Organization
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>Upper-cased, whitespace-collapsed name: the duplicate check compares this within a country; the listing sorts by it.</summary>
    public required string NormalizedName { get; set; }

    public string? Acronym { get; set; }

    public OrganizationType Type { get; set; }

    public OrganizationScope Scope { get; set; }

    /// <summary>Headquarters country, ISO 3166-1 alpha-2.</summary>
    public required string Country { get; set; }

    /// <summary>ISO 3166-1 alpha-2 codes, sorted, distinct.</summary>
    public List<string> CountriesOfOperation { get; set; } = [];

    /// <summary>UN M49 regions of the headquarters and the countries of operation, derived, sorted.</summary>
    public List<string> Regions { get; set; } = [];

    public List<string> Themes { get; set; } = [];

    /// <summary>ISO 639-1 codes.</summary>
    public List<string> Languages { get; set; } = [];

    public string? Website { get; set; }

    public string? IatiIdentifier { get; set; }

    public OrganizationStatus Status { get; set; }

    public string? StatusReason { get; set; }

    public DateTimeOffset? StatusChangedAt { get; set; }

    /// <summary>Holds IOM Council observer status now (kept by the observer use cases, so the listing is one query).</summary>
    public bool IsObserver { get; set; }

    public DateOnly? ObserverSince { get; set; }

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped by every change; the ETag, and the optimistic concurrency token.</summary>
    public int Version { get; set; }

    public List<FocalPoint> FocalPoints { get; init; } = [];

    /// <summary>
    /// The distinct lower-case words of the name and acronym: the search matches query words against these
    /// (each query word, typo-tolerantly, through the dictionary of all words, see OrganizationFilter).
    /// </summary>
    public List<string> SearchWords { get; set; } = [];

    public string ETag => $"\"{Version}\"";

    public static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>Lower-case words (letters and digits) of the texts, distinct, in order of appearance.</summary>
    public static List<string> WordsOf(params string?[] texts) =>
        texts.OfType<string>()
            .SelectMany(t => System.Text.RegularExpressions.Regex.Split(t.ToLowerInvariant(), @"[^\p{L}\p{N}]+"))
            .Where(w => w.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static List<string> RegionsOf(string country, IEnumerable<string> countriesOfOperation) =>
        countriesOfOperation.Prepend(country).Select(Countries.RegionOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static Organization Register(Guid id, OrganizationProfile profile, DateTimeOffset now)
    {
        var organization = new Organization
        {
            Id = id,
            Name = profile.Name,
            NormalizedName = Normalize(profile.Name),
            Country = profile.Country,
            Status = OrganizationStatus.Active,
            RegisteredAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        organization.Apply(profile, now);
        organization.Version = 1;
        organization.UpdatedAt = now;
        return organization;
    }

    /// <summary>Applies the profile and returns the (camelCase) names of the fields that changed; nothing changes when it is the same.</summary>
    public IReadOnlyList<string> Apply(OrganizationProfile profile, DateTimeOffset now)
    {
        var changed = new List<string>();
        Set(Name, profile.Name, v => { Name = v; NormalizedName = Normalize(v); }, "name");
        Set(Acronym, profile.Acronym, v => Acronym = v, "acronym");
        if (Type != profile.Type)
        {
            Type = profile.Type;
            changed.Add("type");
        }

        if (Scope != profile.Scope)
        {
            Scope = profile.Scope;
            changed.Add("scope");
        }

        Set(Country, profile.Country, v => Country = v, "country");
        SetList(CountriesOfOperation, profile.CountriesOfOperation, v => CountriesOfOperation = v, "countriesOfOperation");
        SetList(Themes, profile.Themes, v => Themes = v, "themes");
        SetList(Languages, profile.Languages, v => Languages = v, "languages");
        Set(Website, profile.Website, v => Website = v, "website");
        Set(IatiIdentifier, profile.IatiIdentifier, v => IatiIdentifier = v, "iatiIdentifier");
        var words = WordsOf(Name, Acronym);
        if (!words.SequenceEqual(SearchWords, StringComparer.Ordinal))
        {
            SearchWords = words;
        }

        var regions = RegionsOf(Country, CountriesOfOperation);
        if (!regions.SequenceEqual(Regions, StringComparer.Ordinal))
        {
            Regions = regions;
        }

        if (changed.Count > 0)
        {
            Touch(now);
        }

        return changed;

        void Set(string? current, string? value, Action<string> assign, string field)
        {
            if (!string.Equals(current, value, StringComparison.Ordinal))
            {
                assign(value!);
                changed.Add(field);
            }
        }

        void SetList(List<string> current, IReadOnlyList<string> value, Action<List<string>> assign, string field)
        {
            if (!current.SequenceEqual(value, StringComparer.Ordinal))
            {
                assign([.. value]);
                changed.Add(field);
            }
        }
    }

    /// <summary>Replaces the focal points; true when they differ from the current ones.</summary>
    public bool ReplaceFocalPoints(IReadOnlyList<FocalPointData> focalPoints, DateTimeOffset now)
    {
        var same = FocalPoints.Count == focalPoints.Count && FocalPoints.Zip(focalPoints).All(p =>
            p.First.Name == p.Second.Name && p.First.Role == p.Second.Role && p.First.Email == p.Second.Email && p.First.Phone == p.Second.Phone);
        if (same)
        {
            return false;
        }

        FocalPoints.Clear();
        FocalPoints.AddRange(focalPoints.Select(f => new FocalPoint { Id = Guid.CreateVersion7(), OrganizationId = Id, Name = f.Name, Role = f.Role, Email = f.Email, Phone = f.Phone }));
        Touch(now);
        return true;
    }

    /// <summary>Moves to another status; false when the transition is not allowed (already there, or archived for good).</summary>
    public bool ChangeStatus(OrganizationStatus to, string? reason, DateTimeOffset now)
    {
        var allowed = (Status, to) switch
        {
            (OrganizationStatus.Active, OrganizationStatus.Suspended) => true,
            (OrganizationStatus.Suspended, OrganizationStatus.Active) => true,
            (OrganizationStatus.Active or OrganizationStatus.Suspended, OrganizationStatus.Archived) => true,
            _ => false,
        };
        if (!allowed)
        {
            return false;
        }

        Status = to;
        StatusReason = reason;
        StatusChangedAt = now;
        Touch(now);
        return true;
    }

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
