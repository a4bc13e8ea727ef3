namespace Iom.Registry.Organizations;

/// <summary>
/// The registry's spreadsheet format, shared by import and export: one organisation per row, lists separated
/// by ';'. Export adds read-only columns (status, observer, id) after these; import accepts and ignores them.
/// Formula cells are neutralised (OWASP CSV injection): a value that starts with = + - @ tab or CR — after any
/// apostrophes it already starts with — is written with one more leading apostrophe, which spreadsheets read as
/// "text"; import removes exactly that one apostrophe, so a file exported and imported again keeps what the user
/// typed (an apostrophe a name really begins with, "'t Hooft", is kept both ways). See docs/adr.
/// </summary>
public static class CsvFormat
{
    public static readonly string[] Columns =
        ["name", "acronym", "type", "scope", "country", "countries_of_operation", "themes", "languages", "website", "iati_identifier"];

    public static readonly string[] ExportOnlyColumns = ["status", "observer", "id"];

    /// <summary>What each import column holds, for the API docs (one entry per <see cref="Columns"/> entry, in order).</summary>
    public static IReadOnlyList<(string Column, string Meaning)> ColumnDescriptions { get; } =
    [
        ("name", "The organisation's name, at most 300 characters (required). With the country, it identifies the row: importing the same name and country again updates that organisation."),
        ("acronym", "Optional, at most 40 characters."),
        ("type", "One of: " + string.Join(", ", WireNames.Names<Domain.OrganizationType>()) + "."),
        ("scope", "One of: " + string.Join(", ", WireNames.Names<Domain.OrganizationScope>()) + "."),
        ("country", "Where it is headquartered: an ISO 3166-1 alpha-2 code, e.g. KE."),
        ("countries_of_operation", "ISO 3166-1 alpha-2 codes separated by ';', e.g. KE;UG."),
        ("themes", "Themes separated by ';', from: " + string.Join(", ", Iom.Contracts.Reference.Themes.All) + "."),
        ("languages", "ISO 639-1 codes separated by ';', e.g. en;sw."),
        ("website", "Optional: an absolute http(s) address."),
        ("iati_identifier", "Optional: the IATI organisation identifier, e.g. XM-DAC-41304."),
    ];

    /// <summary>The import body described for the API docs: the header, then each column.</summary>
    public static string Description =>
        $"A UTF-8 {ContentType} file, one organisation per row, with the header `{string.Join(',', Columns)}`. " +
        $"Extra columns of an export ({string.Join(", ", ExportOnlyColumns)}) are ignored. Columns:\n\n" +
        string.Join("\n", ColumnDescriptions.Select(c => $"- `{c.Column}`: {c.Meaning}"));

    public const char ListSeparator = ';';

    public const string ContentType = "text/csv";

    /// <summary>A file the import accepts, shown in the API docs.</summary>
    public const string Example =
        "name,acronym,type,scope,country,countries_of_operation,themes,languages,website,iati_identifier\n" +
        "Migrant Voices Network,MVN,migrant-organisation,national,KE,KE;UG,diaspora,en;sw,https://mvn.example.org,\n";

    public static string JoinList(IEnumerable<string> values) => string.Join(ListSeparator, values);

    /// <summary>What makes a spreadsheet read a cell as a formula (or hide its start).</summary>
    public static readonly char[] FormulaTriggers = ['=', '+', '-', '@', '\t', '\r'];

    public const char TextMarker = '\'';

    /// <summary>The value as written to the export: inert in a spreadsheet.</summary>
    public static string? Neutralise(string? value) => StartsLikeFormula(value) ? TextMarker + value : value;

    /// <summary>The value as the user entered it, from an imported cell (undoes <see cref="Neutralise"/>).</summary>
    public static string? Restore(string? cell) =>
        cell is { Length: > 1 } && cell[0] == TextMarker && StartsLikeFormula(cell[1..]) ? cell[1..] : cell;

    /// <summary>Whether the value, after any leading apostrophes, starts with a formula trigger.</summary>
    private static bool StartsLikeFormula(string? value)
    {
        var start = value?.TrimStart(TextMarker);
        return !string.IsNullOrEmpty(start) && FormulaTriggers.Contains(start[0]);
    }

    public static string?[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
