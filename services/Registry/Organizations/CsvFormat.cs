namespace Iom.Registry.Organizations;

/// <summary>
/// The registry's spreadsheet format, shared by import and export: one organisation per row, lists separated
/// by ';'. Export adds read-only columns (status, observer, id) after these; import accepts and ignores them.
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

    public static string?[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
