using System.Globalization;
using System.Text;
using Iom.Consultations.Domain;
using Iom.Contracts.Reference;

namespace Iom.Consultations.Calendar;

/// <summary>Writes consultations as an RFC 5545 iCalendar: CRLF line ends, text escaped, lines folded at 75 octets.</summary>
internal static class IcsCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(IEnumerable<Consultation> consultations, DateTimeOffset stamp, string name)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//IOM//Consultations with civil society//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Escape(name),
        };
        foreach (var c in consultations)
        {
            lines.Add("BEGIN:VEVENT");
            lines.Add($"UID:{c.Id}@consultations.iom.int");
            lines.Add("DTSTAMP:" + Utc(stamp));
            lines.Add("DTSTART:" + Utc(c.StartsAt));
            lines.Add("DTEND:" + Utc(c.EndsAt));
            lines.Add("SUMMARY:" + Escape(c.Title));
            lines.Add("LOCATION:" + Escape(Location(c)));
            lines.Add("DESCRIPTION:" + Escape(Description(c)));
            if (c.Themes.Count > 0)
            {
                lines.Add("CATEGORIES:" + string.Join(',', c.Themes.Select(Escape)));
            }

            lines.Add("STATUS:" + c.Status switch
            {
                ConsultationStatus.Cancelled => "CANCELLED",
                ConsultationStatus.Draft => "TENTATIVE",
                _ => "CONFIRMED",
            });
            lines.Add("LAST-MODIFIED:" + Utc(c.UpdatedAt));
            lines.Add("END:VEVENT");
        }

        lines.Add("END:VCALENDAR");
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(builder, line);
        }

        return builder.ToString();
    }

    private static string Location(Consultation c) =>
        c.Online && c.City is null ? "Online"
        : string.Join(", ", new[] { c.City, c.Country is null ? null : Countries.All.TryGetValue(c.Country, out var country) ? country.Name : c.Country, c.Online ? "and online" : null }.Where(s => s is not null));

    private static string Description(Consultation c) =>
        $"{c.Kind}{(c.ResolvedRegion is { } r ? " - " + r : string.Empty)}. Registration deadline {Utc(c.RegistrationDeadline)}.";

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped.</summary>
    private static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>RFC 5545 3.1: lines longer than 75 octets are split (never inside a UTF-8 sequence), continuation lines start with a space.</summary>
    private static void Fold(StringBuilder builder, string line)
    {
        var limit = 75;
        var octets = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(line);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                builder.Append("\r\n ");
                octets = 1;
                limit = 75;
            }

            builder.Append(element);
            octets += size;
        }

        builder.Append("\r\n");
    }
}
