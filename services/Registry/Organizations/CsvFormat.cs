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
