namespace Iom.Registry.Domain;

/// <summary>A civil-society partner organisation.</summary>
public sealed class Organization
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>Upper-cased, whitespace-collapsed name: the duplicate check compares this within a country.</summary>
    public required string NormalizedName { get; set; }

    public string? Acronym { get; set; }

    public OrganizationType Type { get; set; }

    /// <summary>Headquarters country, ISO 3166-1 alpha-2.</summary>
    public required string Country { get; set; }

    public DateTimeOffset RegisteredAt { get; init; }

    public static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
