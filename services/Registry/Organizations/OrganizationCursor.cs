using System.Buffers.Text;
using System.Text.Json;

namespace Iom.Registry.Organizations;

/// <summary>
/// Where the next page of the listing starts: the sort key of the last row returned, as an opaque base64url string.
/// <see cref="Key"/> says which order it belongs to: "name" (normalized name, id) or "words" (hits desc, name length, id).
/// </summary>
public sealed record OrganizationCursor(string Key, string? Name, int? Hits, int? Length, Guid Id)
{
    public const string ByName = "name";
    public const string ByWords = "words";

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The cursor, or null when the text is not one (a 400 for the caller).</summary>
    public static OrganizationCursor? Decode(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<OrganizationCursor>(Base64Url.DecodeFromChars(value));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>True when this cursor continues the listing in the order a search with or without text uses.</summary>
    public bool Continues(bool textSearch) => textSearch
        ? Key == ByWords && Hits is not null && Length is not null
        : Key == ByName && Name is not null;
}
