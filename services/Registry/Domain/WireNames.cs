namespace Iom.Registry.Domain;

/// <summary>Kebab-case wire names for the registry's enums ("academic-institution", "under-review"), parsed case-insensitively.</summary>
public static class WireNames
{
    public static string ToWire<TEnum>(TEnum value) where TEnum : struct, Enum => Cache<TEnum>.ToName[value];

    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum =>
        Cache<TEnum>.ByName.TryGetValue(value?.Trim() ?? string.Empty, out result);

    public static IReadOnlyCollection<string> Names<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.ToName.Values;

    public static string Kebab(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ToName = Enum.GetValues<TEnum>().ToDictionary(v => v, v => Kebab(v.ToString()));

        public static readonly Dictionary<string, TEnum> ByName = ToName.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }
}
