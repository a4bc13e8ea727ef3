using Npgsql;
using NpgsqlTypes;

namespace Iom.Registry.Organizations;

/// <summary>
/// The SQL of the organisation search: typo-tolerant matching of name and acronym with pg_trgm (GIN trigram indexes),
/// filters on indexed columns and arrays, keyset paging with a stable order — (hits desc, name length, id) when
/// searching text, (normalized name, id) otherwise. Every statement selects the columns <see cref="OrganizationRows"/> reads by name.
/// </summary>
internal sealed class OrganizationSearchSql(OrganizationFilter filter, string[][]? similarWords)
{
    // Computed for the rows of a page only (trigram functions cost ~15 µs a row: never over all matches).
    private const string Score = "greatest(similarity(o.name, @q), word_similarity(@q, o.name), coalesce(similarity(o.acronym, @q), 0))";
    private const string Columns = "o.id, o.name, o.acronym, o.type, o.scope, o.country, o.countries_of_operation, o.regions, o.themes, o.languages, o.website, o.iati_identifier, o.status, o.is_observer, o.normalized_name";

    private readonly (string Where, List<NpgsqlParameter> Parameters) where = Where(filter, similarWords);

    /// <summary>The filter's parameters (fresh copies: a parameter belongs to one command).</summary>
    public IEnumerable<NpgsqlParameter> Parameters() => where.Parameters.Select(p => p.Clone());

    /// <summary>Total of the matches, for a listing without text (a text search counts in <see cref="Page"/>).</summary>
    public string Count => $"SELECT count(*) FROM organizations o WHERE {where.Where}";

    /// <summary>Every match in listing order (the export).</summary>
    public string All => filter.Query is null
        ? $"SELECT {Columns}, NULL::real AS score FROM organizations o WHERE {where.Where} ORDER BY o.normalized_name, o.id"
        : $"SELECT {Columns}, {Score} AS score, {Hits} AS hits, length(o.name) AS name_length FROM organizations o WHERE {where.Where} ORDER BY hits DESC, name_length, o.id";

    // Text search order: more exact word hits first, then shorter names (closer to the query), then id.
    // Keyset on (-hits, length, id); the trigram score is computed for the page's rows only. A text search returns the
    // total on every row, and one row with only the total when the page is empty.

    /// <summary>One page (up to @limit rows) after the filter's cursor.</summary>
    public string Page => filter.Query is null
        ? $"""
            SELECT {Columns}, NULL::real AS score FROM organizations o
            WHERE {where.Where}{(filter.After is null ? string.Empty : " AND (o.normalized_name, o.id) > (@after_name COLLATE \"C\", @after_id)")}
            ORDER BY o.normalized_name, o.id
            LIMIT @limit
            """
        : $"""
            WITH p AS MATERIALIZED (
                SELECT o.id, {Hits} AS hits, length(o.name) AS name_length FROM organizations o WHERE {where.Where})
            SELECT t.total, page.* FROM (SELECT count(*) AS total FROM p) t
            LEFT JOIN LATERAL (
                SELECT {Columns}, {Score} AS score, top.hits, top.name_length FROM (
                    SELECT * FROM p
                    {(filter.After is null ? string.Empty : "WHERE (-p.hits, p.name_length, p.id) > (-@after_hits, @after_length, @after_id)")}
                    ORDER BY p.hits DESC, p.name_length, p.id
                    LIMIT @limit) top
                JOIN organizations o ON o.id = top.id
                ORDER BY top.hits DESC, top.name_length, top.id) page ON TRUE
            """;

    /// <summary>The parameters of <see cref="Page"/> beyond the filter's: the cursor's sort key and the limit (one row more, to know there is a next page).</summary>
    public IEnumerable<NpgsqlParameter> PageParameters()
    {
        if (filter.After is { } after)
        {
            yield return new NpgsqlParameter("after_id", NpgsqlDbType.Uuid) { Value = after.Id };
            if (filter.Query is null)
            {
                yield return new NpgsqlParameter("after_name", NpgsqlDbType.Text) { Value = after.Name! };
            }
            else
            {
                yield return new NpgsqlParameter("after_hits", NpgsqlDbType.Integer) { Value = after.Hits!.Value };
                yield return new NpgsqlParameter("after_length", NpgsqlDbType.Integer) { Value = after.Length!.Value };
            }
        }

        yield return new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = filter.Limit + 1 };
    }

    /// <summary>
    /// For each query word, the dictionary words similar to it (registry_similar_words, see the SearchSpeed
    /// migration), fetched first so that the search itself gets plain arrays: the planner then neither calls
    /// the lookup while estimating nor hides the values from its estimates.
    /// </summary>
    public static NpgsqlCommand SimilarWords(OrganizationFilter filter, NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand("SELECT " + string.Join(", ", filter.Words.Select((_, i) => $"registry_similar_words(@w{i})")), connection);
        for (var i = 0; i < filter.Words.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter($"w{i}", NpgsqlDbType.Text) { Value = filter.Words[i] });
        }

        return command;
    }

    /// <summary>How many query words the organisation has exactly (the rest it has only approximately).</summary>
    private string Hits => string.Join(" + ", filter.Words.Select((_, i) => $"(o.search_words @> ARRAY[@w{i}])::int"));

    private static (string Where, List<NpgsqlParameter> Parameters) Where(OrganizationFilter filter, string[][]? similarWords)
    {
        var clauses = new List<string> { "TRUE" };
        var parameters = new List<NpgsqlParameter>();
        void Add(string clause, string name, NpgsqlDbType type, object value)
        {
            clauses.Add(clause);
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        if (filter.Query is not null)
        {
            parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = filter.Query });
            for (var i = 0; i < filter.Words.Count; i++)
            {
                // Each query word: the organisation has a word of the dictionary that is similar (trigram) to it,
                // or that starts with it (from 4 letters: people type the start of a word). Both use indexes.
                Add($"o.search_words && @s{i}", $"s{i}", NpgsqlDbType.Array | NpgsqlDbType.Text, similarWords![i]);
                parameters.Add(new NpgsqlParameter($"w{i}", NpgsqlDbType.Text) { Value = filter.Words[i] });
            }
        }

        if (filter.Type is { } type)
        {
            Add("o.type = @type", "type", NpgsqlDbType.Text, type.ToString());
        }

        if (filter.Country is not null)
        {
            // Headquarters are always among the countries of operation (see ProfileInput).
            Add("o.countries_of_operation @> ARRAY[@country]", "country", NpgsqlDbType.Text, filter.Country);
        }

        if (filter.Region is not null)
        {
            Add("o.regions @> ARRAY[@region]", "region", NpgsqlDbType.Text, filter.Region);
        }

        if (filter.Theme is not null)
        {
            Add("o.themes @> ARRAY[@theme]", "theme", NpgsqlDbType.Text, filter.Theme);
        }

        if (filter.Status is { } status)
        {
            Add("o.status = @status", "status", NpgsqlDbType.Text, status.ToString());
        }

        if (filter.Observer is { } observer)
        {
            Add("o.is_observer = @observer", "observer", NpgsqlDbType.Boolean, observer);
        }

        return (string.Join(" AND ", clauses), parameters);
    }
}
