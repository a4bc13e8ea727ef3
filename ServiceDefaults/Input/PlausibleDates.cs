namespace Iom.ServiceDefaults.Input;

/// <summary>
/// The one plausibility rule for dates a client sends: nothing the suite schedules, records or embargoes lies before
/// 1900 or after 2199. Placeholders such as 0001-01-01 and 9999-12-31 are refused instead of stored (and instead of
/// overflowing when an offset is applied).
/// </summary>
internal static class PlausibleDates
{
    public const int FirstYear = 1900;
    public const int LastYear = 2199;

    public const string Message = "Must be a date between 1900 and 2199.";

    public static bool IsPlausible(DateTimeOffset value) => value.UtcDateTime.Year is >= FirstYear and <= LastYear;

    public static bool IsPlausible(DateOnly value) => value.Year is >= FirstYear and <= LastYear;
}
