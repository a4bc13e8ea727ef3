using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Iom.Contracts.Reference;
using Iom.Registry.Domain;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NpgsqlTypes;

namespace Iom.Registry.Organizations;

/// <summary>The query string of the listing and the export (all strings, parsed by hand so a bad value is a 400 naming it).</summary>
public sealed record OrganizationFilterRequest(
    [FromQuery] string? Q,
    [FromQuery] string? Type,
    [FromQuery] string? Country,
    [FromQuery] string? Region,
    [FromQuery] string? Theme,
    [FromQuery] string? Status,
    [FromQuery] string? Observer,
    [FromQuery] string? Limit,
    [FromQuery] string? After);

/// <summary>A row of the listing (no focal points).</summary>
public sealed record OrganizationSummary(
    Guid Id,
    string Name,
    string? Acronym,
    string Type,
    string Scope,
    string Country,
    IReadOnlyList<string> CountriesOfOperation,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Languages,
    string? Website,
    string? IatiIdentifier,
    string Status,
    bool IsObserver,
    float? Score);

/// <summary>
/// Search over organisations in SQL: typo-tolerant matching of name and acronym with pg_trgm (GIN trigram
/// indexes), filters on indexed columns and arrays, keyset paging with a stable order — (score desc, id)
/// when searching, (normalized name, id) otherwise — and an opaque cursor.
/// </summary>
public sealed class OrganizationFilter
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    public const int MaxQueryWords = 8;

    // Computed for the rows of a page only (trigram functions cost ~15 µs a row: never over all matches).
    private const string Score = "greatest(similarity(o.name, @q), word_similarity(@q, o.name), coalesce(similarity(o.acronym, @q), 0))";
    private const string Columns = "o.id, o.name, o.acronym, o.type, o.scope, o.country, o.countries_of_operation, o.regions, o.themes, o.languages, o.website, o.iati_identifier, o.status, o.is_observer, o.normalized_name";

    private OrganizationFilter()
    {
    }

    public string? Query { get; private init; }

    /// <summary>The query's words (lower case), each matched typo-tolerantly.</summary>
    public IReadOnlyList<string> Words { get; private init; } = [];

    public OrganizationType? Type { get; private init; }

    public string? Country { get; private init; }

    public string? Region { get; private init; }

    public string? Theme { get; private init; }

    public OrganizationStatus? Status { get; private init; }

    public bool? Observer { get; private init; }

    public int Limit { get; private init; } = DefaultLimit;

    public Cursor? After { get; private init; }

    /// <summary>Where the next page starts: the sort key of the last row returned.</summary>
    public sealed record Cursor(string Key, string? Name, int? Hits, int? Length, Guid Id)
    {
        public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

        public static Cursor? Decode(string value)
        {
            try
            {
                return JsonSerializer.Deserialize<Cursor>(Base64Url.DecodeFromChars(value));
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                return null;
            }
        }
    }

    public static OrganizationFilter? Parse(OrganizationFilterRequest request, FieldErrors errors, bool paging)
    {
        var q = string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim();
        errors.Require(q is null || q.Length <= 200, "q", "The search text is longer than 200 characters.");
        var words = q is null ? [] : Organization.WordsOf(q);
        errors.Require(words.Count <= MaxQueryWords, "q", $"Search with at most {MaxQueryWords} words.");
        if (q is not null && words.Count == 0)
        {
            q = null; // only punctuation: no text condition
        }
        OrganizationType? type = null;
        if (request.Type is not null)
        {
            if (WireNames.TryParse<OrganizationType>(request.Type.Trim(), out var t))
            {
                type = t;
            }
            else
            {
                errors.Add("type", $"Unknown organisation type '{request.Type}'. Known types: {string.Join(", ", WireNames.Names<OrganizationType>())}.");
            }
        }

        var country = request.Country?.Trim().ToUpperInvariant();
        errors.Require(country is null || Countries.IsKnown(country), "country", $"'{request.Country}' is not an ISO 3166-1 alpha-2 country code.");
        var region = request.Region is null ? null : Countries.Regions.FirstOrDefault(r => r.Equals(request.Region.Trim(), StringComparison.OrdinalIgnoreCase));
        errors.Require(request.Region is null || region is not null, "region", $"Unknown region '{request.Region}'. Known regions: {string.Join(", ", Countries.Regions)}.");
        var theme = request.Theme?.Trim().ToLowerInvariant();
        errors.Require(theme is null || Themes.IsKnown(theme), "theme", $"Unknown theme '{request.Theme}'.");
        OrganizationStatus? status = null;
        if (request.Status is not null)
        {
            if (WireNames.TryParse<OrganizationStatus>(request.Status.Trim(), out var s))
            {
                status = s;
            }
            else
            {
                errors.Add("status", $"Unknown status '{request.Status}'. Known: {string.Join(", ", WireNames.Names<OrganizationStatus>())}.");
            }
        }

        bool? observer = null;
        if (request.Observer is not null)
        {
            if (bool.TryParse(request.Observer.Trim(), out var o))
            {
                observer = o;
            }
            else
            {
                errors.Add("observer", "observer must be true or false.");
            }
        }

        var limit = DefaultLimit;
        Cursor? after = null;
        if (paging)
        {
            if (request.Limit is not null && (!int.TryParse(request.Limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
            {
                errors.Add("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            }

            if (request.After is not null)
            {
                after = Cursor.Decode(request.After);
                errors.Require(after is not null && after.Key == (q is null ? "name" : "words") && (after.Key == "name" ? after.Name is not null : after.Hits is not null && after.Length is not null),
                    "after", "after is not a cursor of this listing (take it from the previous page's 'next').");
            }
        }

        return errors.IsValid
            ? new OrganizationFilter { Query = q, Words = words, Type = type, Country = country, Region = region, Theme = theme, Status = status, Observer = observer, Limit = limit, After = after }
            : null;
    }

    /// <summary>One page (Limit rows) and the total count, in one round trip (a text search in one statement: its matches are found once).</summary>
    public async Task<(List<OrganizationSummary> Items, long Total, string? Next)> PageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var (where, parameters) = Where(await SimilarWordsAsync(connection, cancellationToken));
        var page = new NpgsqlBatchCommand(PageSql(where));
        foreach (var p in parameters)
        {
            page.Parameters.Add(p.Clone());
        }

        if (After is { } after)
        {
            page.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Uuid) { Value = after.Id });
            if (Query is null)
            {
                page.Parameters.Add(new NpgsqlParameter("after_name", NpgsqlDbType.Text) { Value = after.Name! });
            }
            else
            {
                page.Parameters.Add(new NpgsqlParameter("after_hits", NpgsqlDbType.Integer) { Value = after.Hits!.Value });
                page.Parameters.Add(new NpgsqlParameter("after_length", NpgsqlDbType.Integer) { Value = after.Length!.Value });
            }
        }

        page.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = Limit + 1 });
        batch.BatchCommands.Add(page);
        if (Query is null)
        {
            var count = new NpgsqlBatchCommand($"SELECT count(*) FROM organizations o WHERE {where}");
            foreach (var p in parameters)
            {
                count.Parameters.Add(p.Clone());
            }

            batch.BatchCommands.Add(count);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var items = new List<OrganizationSummary>();
        Cursor? last = null;
        string? next = null;
        long total = 0;

        // A text search returns the total on every row (and one row with only the total when the page is empty).
        var offset = Query is null ? 0 : 1;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Query is not null)
            {
                total = reader.GetInt64(0);
                if (reader.IsDBNull(1))
                {
                    break;
                }
            }

            if (items.Count == Limit)
            {
                next = last!.Encode();
                break;
            }

            var item = Read(reader, offset);
            items.Add(item);
            last = Query is null
                ? new Cursor("name", reader.GetString(14), null, null, item.Id)
                : new Cursor("words", null, reader.GetInt32(offset + 16), reader.GetInt32(offset + 17), item.Id);
        }

        if (Query is null)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt64(0);
        }

        return (items, total, next);
    }

    /// <summary>Every matching row in listing order, streamed (the export).</summary>
    public async IAsyncEnumerable<OrganizationSummary> AllAsync(NpgsqlConnection connection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(await SimilarWordsAsync(connection, cancellationToken));
        await using var command = new NpgsqlCommand(
            Query is null
                ? $"SELECT {Columns}, NULL::real AS score FROM organizations o WHERE {where} ORDER BY o.normalized_name, o.id"
                : $"SELECT {Columns}, {Score} AS score, {Hits} AS hits, length(o.name) AS name_length FROM organizations o WHERE {where} ORDER BY hits DESC, name_length, o.id",
            connection);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader, 0);
        }
    }

    /// <summary>How many query words the organisation has exactly (the rest it has only approximately).</summary>
    private string Hits => string.Join(" + ", Words.Select((_, i) => $"(o.search_words @> ARRAY[@w{i}])::int"));

    // Text search order: more exact word hits first, then shorter names (closer to the query), then id.
    // Keyset on (-hits, length, id); the trigram score is computed for the page's rows only.
    private string PageSql(string where) => Query is null
        ? $"""
            SELECT {Columns}, NULL::real AS score FROM organizations o
            WHERE {where}{(After is null ? string.Empty : " AND (o.normalized_name, o.id) > (@after_name COLLATE \"C\", @after_id)")}
            ORDER BY o.normalized_name, o.id
            LIMIT @limit
            """
        : $"""
            WITH p AS MATERIALIZED (
                SELECT o.id, {Hits} AS hits, length(o.name) AS name_length FROM organizations o WHERE {where})
            SELECT t.total, page.* FROM (SELECT count(*) AS total FROM p) t
            LEFT JOIN LATERAL (
                SELECT {Columns}, {Score} AS score, top.hits, top.name_length FROM (
                    SELECT * FROM p
                    {(After is null ? string.Empty : "WHERE (-p.hits, p.name_length, p.id) > (-@after_hits, @after_length, @after_id)")}
                    ORDER BY p.hits DESC, p.name_length, p.id
                    LIMIT @limit) top
                JOIN organizations o ON o.id = top.id
                ORDER BY top.hits DESC, top.name_length, top.id) page ON TRUE
            """;

    /// <summary>
    /// For each query word, the dictionary words similar to it (registry_similar_words, see the SearchSpeed
    /// migration), fetched first so that the search itself gets plain arrays: the planner then neither calls
    /// the lookup while estimating nor hides the values from its estimates.
    /// </summary>
    private async Task<string[][]?> SimilarWordsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (Query is null)
        {
            return null;
        }

        await using var command = new NpgsqlCommand(
            "SELECT " + string.Join(", ", Words.Select((_, i) => $"registry_similar_words(@w{i})")), connection);
        for (var i = 0; i < Words.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter($"w{i}", NpgsqlDbType.Text) { Value = Words[i] });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Enumerable.Range(0, Words.Count).Select(reader.GetFieldValue<string[]>).ToArray();
    }

    private (string Where, List<NpgsqlParameter> Parameters) Where(string[][]? similarWords)
    {
        var clauses = new List<string> { "TRUE" };
        var parameters = new List<NpgsqlParameter>();
        void Add(string clause, string name, NpgsqlDbType type, object value)
        {
            clauses.Add(clause);
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        if (Query is not null)
        {
            parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = Query });
            for (var i = 0; i < Words.Count; i++)
            {
                // Each query word: the organisation has a word of the dictionary that is similar (trigram) to it,
                // or that starts with it (from 4 letters: people type the start of a word). Both use indexes.
                Add($"o.search_words && @s{i}", $"s{i}", NpgsqlDbType.Array | NpgsqlDbType.Text, similarWords![i]);
                parameters.Add(new NpgsqlParameter($"w{i}", NpgsqlDbType.Text) { Value = Words[i] });
            }
        }

        if (Type is { } type)
        {
            Add("o.type = @type", "type", NpgsqlDbType.Text, type.ToString());
        }

        if (Country is not null)
        {
            // Headquarters are always among the countries of operation (see ProfileInput).
            Add("o.countries_of_operation @> ARRAY[@country]", "country", NpgsqlDbType.Text, Country);
        }

        if (Region is not null)
        {
            Add("o.regions @> ARRAY[@region]", "region", NpgsqlDbType.Text, Region);
        }

        if (Theme is not null)
        {
            Add("o.themes @> ARRAY[@theme]", "theme", NpgsqlDbType.Text, Theme);
        }

        if (Status is { } status)
        {
            Add("o.status = @status", "status", NpgsqlDbType.Text, status.ToString());
        }

        if (Observer is { } observer)
        {
            Add("o.is_observer = @observer", "observer", NpgsqlDbType.Boolean, observer);
        }

        return (string.Join(" AND ", clauses), parameters);
    }

    private static OrganizationSummary Read(NpgsqlDataReader r, int o) => new(
        r.GetGuid(o + 0),
        r.GetString(o + 1),
        r.IsDBNull(o + 2) ? null : r.GetString(o + 2),
        Enum.Parse<OrganizationType>(r.GetString(o + 3)).ToWire(),
        WireNames.ToWire(Enum.Parse<OrganizationScope>(r.GetString(o + 4))),
        r.GetString(o + 5),
        r.GetFieldValue<string[]>(o + 6),
        r.GetFieldValue<string[]>(o + 7),
        r.GetFieldValue<string[]>(o + 8),
        r.GetFieldValue<string[]>(o + 9),
        r.IsDBNull(o + 10) ? null : r.GetString(o + 10),
        r.IsDBNull(o + 11) ? null : r.GetString(o + 11),
        WireNames.ToWire(Enum.Parse<OrganizationStatus>(r.GetString(o + 12))),
        r.GetBoolean(o + 13),
        r.IsDBNull(o + 15) ? null : r.GetFloat(o + 15));
}
