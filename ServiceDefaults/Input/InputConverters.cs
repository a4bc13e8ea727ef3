using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iom.ServiceDefaults.Input;

/// <summary>Strings: refused when they hold characters <see cref="TextRules"/> does not accept.</summary>
internal sealed class AcceptableStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        var value = reader.GetString()!;
        return TextRules.IsAcceptable(value) ? value : throw new InputException(TextRules.Message);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString()!;
        return TextRules.IsAcceptable(value) ? value : throw new InputException(TextRules.Message);
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}

/// <summary>
/// Date-times: any ISO 8601 offset is accepted and normalised to UTC (PostgreSQL's timestamptz stores UTC, and Npgsql
/// refuses other offsets); implausible dates are refused (<see cref="PlausibleDates"/>).
/// </summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        DateTimeOffset value;
        try
        {
            value = reader.GetDateTimeOffset();
        }
        catch (FormatException)
        {
            throw new InputException("Must be an ISO 8601 date-time, e.g. 2027-01-15T10:00:00Z or 2027-01-15T10:00:00+03:00.");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InputException(PlausibleDates.Message);
        }

        return PlausibleDates.IsPlausible(value) ? value.ToUniversalTime() : throw new InputException(PlausibleDates.Message);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Dates (yyyy-MM-dd): implausible ones are refused (<see cref="PlausibleDates"/>).</summary>
internal sealed class PlausibleDateOnlyConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new InputException("Must be a date in the form yyyy-MM-dd.");
        }

        return PlausibleDates.IsPlausible(value) ? value : throw new InputException(PlausibleDates.Message);
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
