using System.Globalization;
using System.Text;

namespace Iom.Consultations.Syndicate;

/// <summary>One entry to export, whatever it is (a recommended read or a syndicate paper).</summary>
internal sealed record Citation(Guid Id, string Kind, string Title, IReadOnlyList<string> Authors, int Year, string? Doi, string? Url, string? Institution, string? Note);

/// <summary>BibTeX and RIS writers for the reading list and the papers (special characters escaped, one line per RIS tag).</summary>
internal static class Citations
{
    public const string BibTexType = "application/x-bibtex; charset=utf-8";
    public const string RisType = "application/x-research-info-systems; charset=utf-8";

    public static string ToBibTex(IEnumerable<Citation> citations)
    {
        var text = new StringBuilder();
        foreach (var c in citations)
        {
            text.Append(CultureInfo.InvariantCulture, $"@{(c.Kind == "paper" ? "techreport" : "misc")}{{iom{c.Year}{c.Id.ToString("N")[..12]},\n");
            Field(text, "title", c.Title);
            Field(text, "author", string.Join(" and ", c.Authors));
            Field(text, "year", c.Year.ToString(CultureInfo.InvariantCulture));
            Field(text, "institution", c.Institution);
            Field(text, "doi", c.Doi);
            Field(text, "url", c.Url);
            Field(text, "note", c.Note);
            text.Append("}\n\n");
        }

        return text.ToString();
    }

    public static string ToRis(IEnumerable<Citation> citations)
    {
        var text = new StringBuilder();
        foreach (var c in citations)
        {
            Tag(text, "TY", c.Kind == "paper" ? "RPRT" : "GEN");
            Tag(text, "TI", c.Title);
            foreach (var author in c.Authors)
            {
                Tag(text, "AU", author);
            }

            Tag(text, "PY", c.Year.ToString(CultureInfo.InvariantCulture));
            Tag(text, "PB", c.Institution);
            Tag(text, "DO", c.Doi);
            Tag(text, "UR", c.Url);
            Tag(text, "N1", c.Note);
            text.Append("ER  - \r\n\r\n");
        }

        return text.ToString();
    }

    /// <summary>Escapes BibTeX's special characters so a value cannot close its braces or start a command.</summary>
    public static string EscapeBibTex(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var ch in OneLine(value))
        {
            text.Append(ch switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\{",
                '}' => @"\}",
                '%' or '&' or '$' or '#' or '_' => "\\" + ch,
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                _ => ch.ToString(),
            });
        }

        return text.ToString();
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name} = {{{EscapeBibTex(value)}}},\n");
        }
    }

    private static void Tag(StringBuilder text, string tag, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.Append(CultureInfo.InvariantCulture, $"{tag}  - {OneLine(value)}\r\n");
        }
    }

    private static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
