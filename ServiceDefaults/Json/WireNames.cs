using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iom.ServiceDefaults.Json;

/// <summary>
/// The one way an enum becomes a word on the wire (API bodies, query strings, events, problem details): the enum
/// member's name under <see cref="JsonNamingPolicy.KebabCaseLower"/> ("AcademicInstitution" → "academic-institution",
/// "OnHold" → "on-hold"), parsed back case-insensitively. HTTP JSON uses the same policy through
/// <see cref="Converter"/>, so a DTO holding the enum and one holding <see cref="ToWire{TEnum}"/> agree.
/// </summary>
public static class WireNames
{
    /// <summary>The naming policy of every enum on the wire.</summary>
    public static JsonNamingPolicy Policy => JsonNamingPolicy.KebabCaseLower;

    /// <summary>The converter HTTP JSON uses for enums (registered once, in <see cref="Input.InputDefaults"/>).</summary>
    public static JsonStringEnumConverter Converter() => new(Policy, allowIntegerValues: false);

    public static string ToWire<TEnum>(this TEnum value) where TEnum : struct, Enum => Cache<TEnum>.ToName[value];

    /// <summary>The enum whose wire name is <paramref name="value"/> (any case; not trimmed, not a number).</summary>
    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum =>
        Cache<TEnum>.ByName.TryGetValue(value ?? string.Empty, out result);

    /// <summary>Every wire name of <typeparamref name="TEnum"/>, in declaration order (for "Known values: …" messages).</summary>
    public static IReadOnlyList<string> Names<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.Names;

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToName =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => Policy.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ToName.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

        public static readonly IReadOnlyList<string> Names = [.. Enum.GetValues<TEnum>().Select(v => ToName[v])];
    }
}
