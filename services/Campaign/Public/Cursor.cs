using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Iom.ServiceDefaults.Input;

namespace Iom.Campaign.Public;

/// <summary>Keyset paging: an opaque cursor carrying the (time, id) of the last item of a page.</summary>
internal readonly record struct Cursor(DateTimeOffset At, Guid Id)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"));

    public static bool TryDecode(string? text, out Cursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }

    /// <summary>Validates paging parameters, naming the field on error.</summary>
    public static bool TryRead(string? cursorText, int? limit, ValidationErrors errors, out Cursor? cursor, out int take)
    {
        take = limit ?? DefaultLimit;
        errors.Require(take is >= 1 and <= MaxLimit, "limit", $"The limit must be between 1 and {MaxLimit}.");
        errors.Require(TryDecode(cursorText, out cursor), "cursor", "The cursor is not one this API returned.");
        return errors.IsValid;
    }
}
