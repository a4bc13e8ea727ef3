using Iom.Contracts.Reference;
using Iom.Registry.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Iom.Bench.Suite;

/// <summary>
/// Organisations for the search measures, loaded with binary COPY straight into Registry's table (no events): the same
/// realistic names as bench/Registry.Search seeds (forms, topics, places, generated proper nouns), its seed code adapted.
/// </summary>
internal static class OrganizationSeed
{
    private static readonly string[] Forms = ["Association for", "Centre for", "Network for", "Foundation for", "Alliance for", "Institute of", "Council for", "Initiative for", "Coalition for", "Forum on", "Friends of", "Union of"];

    private static readonly string[] Topics =
    [
        "Migrant Rights", "Refugee Resettlement", "Migrant Health", "Diaspora Development", "Climate Mobility", "Survivors of Trafficking",
        "Return and Reintegration", "Humanitarian Relief", "Migration Policy", "Migration Research", "Community Capacity", "Migrant Voices",
        "Displaced Families", "Seasonal Workers", "Women on the Move", "Youth Mobility", "Labour Migration", "Border Communities",
    ];

    private static readonly string[] Named =
    [
        "International Council of Voluntary Agencies", "Refugees International", "CARE International", "Norwegian Refugee Council",
        "Action contre la faim", "Inter Press Service", "Friedrich-Ebert-Stiftung", "Alaska Institute for Justice",
    ];

    public static async Task SeedAsync(string connectionString, int count)
    {
        var random = new Random(2016);
        var countries = Countries.All.Keys.Where(c => Countries.RegionOf(c) != "Antarctica").Order(StringComparer.Ordinal).ToArray();
        var themes = Themes.All.Take(12).ToArray();
        var types = Enum.GetValues<OrganizationType>();
        var now = DateTimeOffset.UtcNow;
        var used = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "ALTER TABLE organizations DISABLE TRIGGER organizations_search_words");
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY organizations (id, name, normalized_name, acronym, type, scope, country, countries_of_operation, regions, themes, languages, status, is_observer, observer_since, registered_at, updated_at, version, search_words) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var country = countries[random.Next(countries.Length)];
                string name;
                do
                {
                    // Realistic names: a form, a topic, a place, and (mostly) a proper noun of its own.
                    name = i < Named.Length
                        ? Named[i]
                        : $"{Forms[random.Next(Forms.Length)]} {Topics[random.Next(Topics.Length)]} {(random.Next(4) == 0 ? "International" : Countries.All[country].Name)}{(random.Next(5) == 0 ? string.Empty : " " + ProperNoun(random))}";
                }
                while (!used.Add(Organization.Normalize(name) + "|" + country));

                var operations = Enumerable.Range(0, random.Next(0, 4)).Select(_ => countries[random.Next(countries.Length)]).Append(country).Distinct().Order(StringComparer.Ordinal).ToList();
                var observer = random.Next(1000) == 0;
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar);
                await writer.WriteAsync(Organization.Normalize(name), NpgsqlDbType.Varchar);
                if (i == 0)
                {
                    await writer.WriteAsync("ICVA", NpgsqlDbType.Varchar);
                }
                else
                {
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(types[random.Next(types.Length)].ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(((OrganizationScope)random.Next(4)).ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(country, NpgsqlDbType.Char);
                await writer.WriteAsync(operations.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(Organization.RegionsOf(country, operations).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(new[] { themes[random.Next(themes.Length)], themes[random.Next(themes.Length)] }.Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(new[] { "en" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(random.Next(20) == 0 ? "Suspended" : "Active", NpgsqlDbType.Varchar);
                await writer.WriteAsync(observer, NpgsqlDbType.Boolean);
                if (observer)
                {
                    await writer.WriteAsync(new DateOnly(2010, 1, 1), NpgsqlDbType.Date);
                }
                else
                {
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(Organization.WordsOf(name, i == 0 ? "ICVA" : null).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        // The trigger fills the word dictionary row by row; for a bulk load, once.
        await ExecuteAsync(connection, "INSERT INTO search_words (word) SELECT DISTINCT unnest(search_words) FROM organizations ON CONFLICT DO NOTHING");
        await ExecuteAsync(connection, "ALTER TABLE organizations ENABLE TRIGGER organizations_search_words");
        await ExecuteAsync(connection, "VACUUM ANALYZE organizations");
        await ExecuteAsync(connection, "VACUUM ANALYZE search_words");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    private static readonly string[] Syllables = ["ka", "lu", "ndo", "ma", "ri", "se", "to", "ba", "ne", "zi", "wa", "mo", "ra", "li", "ta", "shi", "go", "ve", "da", "no", "ke", "su", "fa", "yo"];

    private static string ProperNoun(Random random)
    {
        var word = string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
