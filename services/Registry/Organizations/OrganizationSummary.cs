using Iom.Registry.Domain;
using Npgsql;

namespace Iom.Registry.Organizations;

/// <summary>A row of the listing (no focal points).</summary>
public sealed record OrganizationSummary(
    Guid Id,
    string Name,
    string? Acronym,
    string Type,
    string Scope,
    string Country,
    IReadOnlyList<string> CountriesOfOperation,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Languages,
    string? Website,
    string? IatiIdentifier,
    string Status,
    bool IsObserver,
    float? Score);

/// <summary>
/// Reads the rows of <see cref="OrganizationSearchSql"/>'s statements by column name (the positions differ between
/// the statements: a text search's page starts with the total), resolved once per result set.
/// </summary>
internal sealed class OrganizationRows(NpgsqlDataReader reader)
{
    private readonly int id = reader.GetOrdinal("id");
    private readonly int name = reader.GetOrdinal("name");
    private readonly int acronym = reader.GetOrdinal("acronym");
    private readonly int type = reader.GetOrdinal("type");
    private readonly int scope = reader.GetOrdinal("scope");
    private readonly int country = reader.GetOrdinal("country");
    private readonly int countriesOfOperation = reader.GetOrdinal("countries_of_operation");
    private readonly int regions = reader.GetOrdinal("regions");
    private readonly int themes = reader.GetOrdinal("themes");
    private readonly int languages = reader.GetOrdinal("languages");
    private readonly int website = reader.GetOrdinal("website");
    private readonly int iatiIdentifier = reader.GetOrdinal("iati_identifier");
    private readonly int status = reader.GetOrdinal("status");
    private readonly int isObserver = reader.GetOrdinal("is_observer");
    private readonly int normalizedName = reader.GetOrdinal("normalized_name");
    private readonly int score = reader.GetOrdinal("score");

    /// <summary>False on a text search's row that carries only the total (an empty page).</summary>
    public bool HasOrganization => !reader.IsDBNull(id);

    public OrganizationSummary Summary() => new(
        reader.GetGuid(id),
        reader.GetString(name),
        reader.IsDBNull(acronym) ? null : reader.GetString(acronym),
        Enum.Parse<OrganizationType>(reader.GetString(type)).ToWire(),
        Enum.Parse<OrganizationScope>(reader.GetString(scope)).ToWire(),
        reader.GetString(country),
        reader.GetFieldValue<string[]>(countriesOfOperation),
        reader.GetFieldValue<string[]>(regions),
        reader.GetFieldValue<string[]>(themes),
        reader.GetFieldValue<string[]>(languages),
        reader.IsDBNull(website) ? null : reader.GetString(website),
        reader.IsDBNull(iatiIdentifier) ? null : reader.GetString(iatiIdentifier),
        Enum.Parse<OrganizationStatus>(reader.GetString(status)).ToWire(),
        reader.GetBoolean(isObserver),
        reader.IsDBNull(score) ? null : reader.GetFloat(score));

    /// <summary>The cursor that continues after this row, in the order of a listing (no text) or of a text search.</summary>
    public OrganizationCursor CursorAfter(bool textSearch) => textSearch
        ? new OrganizationCursor(OrganizationCursor.ByWords, null, reader.GetInt32(reader.GetOrdinal("hits")), reader.GetInt32(reader.GetOrdinal("name_length")), reader.GetGuid(id))
        : new OrganizationCursor(OrganizationCursor.ByName, reader.GetString(normalizedName), null, null, reader.GetGuid(id));
}
