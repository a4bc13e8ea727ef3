using System.Buffers;

namespace Iom.ServiceDefaults.Input;

/// <summary>
/// What text the suite accepts from a client: anything XML 1.0 can carry (so every string can reach a feed, an
/// iCalendar file or a CSV export unchanged) — no NUL, no C0 control other than tab, line feed and carriage return,
/// no U+FFFE/U+FFFF and no unpaired surrogate. PostgreSQL refuses NUL in text as well.
/// </summary>
public static class TextRules
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    public const string Message = "Must not contain NUL or control characters other than tab and line breaks.";

    /// <summary>True when every character of the text may be stored and written into XML.</summary>
    public static bool IsAcceptable(ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(Forbidden))
        {
            return false;
        }

        var surrogate = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (surrogate < 0)
        {
            return true;
        }

        for (var i = surrogate; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
