using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Iom.TestSupport.Fuzz;

/// <summary>
/// CsCheck generators for request bodies shaped by a route's schema and broken in the ways clients break them:
/// wrong types, nulls, missing and extra fields, huge and control-character strings, deep JSON, date-times with
/// offsets and boundary dates, malformed JSON and wrong content types.
/// </summary>
public static class FuzzBodies
{
    private static readonly string[] Texts =
    [
        "Migrant Voices Network", "", " ", "a", "KE", "en", "fr", "ar", "diaspora", "migration-governance", "Africa",
        "charity", "migrant-organisation", "national", "press", "publish", "approve", "test@example.org", "https://example.org",
        "Ünïcödé – مرحبا – 你好 – 🙂", "<script>alert(1)</script>", "'; DROP TABLE x; --", "\"quoted\"", "line\nbreak\ttab",
        "0", "-1", "true", "null", "2027-01-15", "00000000-0000-0000-0000-000000000000",
    ];

    private static readonly string[] ControlTexts =
    [
        "nul\0inside", "\0", "bell\u0007", "vertical\u000Btab", "form\u000Cfeed", "escape\u001B[31m", "unit\u001F", "\uFFFE", "\uFFFF",
        "del\u007F", "c1\u0085next", "ok\r\nok",
    ];

    private static readonly string[] DateTimes =
    [
        "2027-01-15T10:00:00Z", "2027-01-15T10:00:00+03:00", "2027-01-15T10:00:00-05:30", "2027-01-15T10:00:00.1234567+14:00",
        "2027-01-15T10:00:00-12:00", "2027-01-15", "2027-01-15T10:00:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+03:00",
        "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-03:00", "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2027-02-30T10:00:00Z",
        "2027-13-01T00:00:00Z", "yesterday", "", "2027-01-15T25:00:00Z", "1970-01-01T00:00:00Z", "2026-12-03T09:00:00+23:59",
    ];

    private static readonly string[] Dates =
    [
        "2027-01-15", "0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01", "2027-02-29", "2028-02-29", "2027-1-5",
        "15/01/2027", "2027-01-15T10:00:00+03:00", "",
    ];

    private static readonly string[] ForeignContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/octet-stream", "application/json; charset=utf-16", "text/csv", "application/json",
    ];

    /// <summary>Generated cases spread evenly over the routes.</summary>
    public static Gen<FuzzCase> Cases(IReadOnlyList<WriteRoute> routes) =>
        Gen.Int[0, routes.Count - 1].SelectMany(i => Case(routes[i]));

    private static Gen<FuzzCase> Case(WriteRoute route)
    {
        var choices = Gen.Int[0, 1000].Array[route.PathParameters.Count];
        return Gen.Select(choices, Body(route), (c, body) => new FuzzCase(route, c, body.ContentType, body.Bytes, body.Kind));
    }

    private static Gen<(string? ContentType, byte[]? Bytes, string Kind)> Body(WriteRoute route)
    {
        if (route.ContentType is "text/csv")
        {
            return Gen.Frequency(
                (6, Csv().Select(csv => ((string?)"text/csv", (byte[]?)Encoding.UTF8.GetBytes(csv), "csv"))),
                (1, Csv().Select(csv => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(csv), "csv as json"))),
                (1, Gen.Const(((string?)"text/csv", (byte[]?)null, "csv without body"))),
                (1, Gen.Byte.Array[0, 200].Select(b => ((string?)"text/csv", (byte[]?)b, "csv of random bytes"))));
        }

        var schema = route.BodySchema ?? new JsonObject();
        return Gen.Frequency(
            (8, Value(schema, 0, Gen.Int[0, 9]).Select(v => Json(v, "shaped"))),
            (2, Value(schema, 0, Gen.Const(9)).Select(v => Json(v, "control characters"))),
            (1, Gen.Int[60, 3000].Select(d => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(new string('[', d) + new string(']', d)), $"deep array {d}"))),
            (1, Gen.Int[60, 1000].Select(d => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", d)) + "1" + new string('}', d)), $"deep object {d}"))),
            (1, Gen.OneOf<string>("[]", "1", "\"text\"", "null", "true", "[{}]", "{\"a\":").Select(b => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(b), "other JSON"))),
            (1, Gen.OneOf<string>("", "{", "{\"name\":}", "{'name':'x'}", "{\"name\":\"x\",}", "\uFEFF{}", "{\"a\":\"\\ud800\"}", "{\"a\":1e400}", "{\"a\":\"\\u0000\"}")
                .Select(b => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(b), "malformed JSON"))),
            (1, Gen.Byte.Array[0, 64].Select(b => ((string?)"application/json", (byte[]?)b, "random bytes"))),
            (1, Gen.Select(Gen.OneOf<string>(ForeignContentTypes), Value(schema, 0, Gen.Int[0, 9]), (type, v) => ((string?)type, (byte[]?)Encoding.UTF8.GetBytes(v?.ToJsonString() ?? "null"), "foreign content type"))),
            (1, Value(schema, 0, Gen.Int[0, 9]).Select(v => ((string?)null, (byte[]?)Encoding.UTF8.GetBytes(v?.ToJsonString() ?? "null"), "no content type"))),
            (1, Gen.Const(((string?)"application/json", (byte[]?)null, "no body"))));
    }

    private static (string? ContentType, byte[]? Bytes, string Kind) Json(JsonNode? value, string kind) =>
        ("application/json", Encoding.UTF8.GetBytes(value?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null"), kind);

    /// <summary>
    /// A value for the schema. <paramref name="mood"/> picks, per value, how to break it: 0–4 well formed, 5 wrong type,
    /// 6 null, 7 missing/extra fields, 8 huge, 9 control characters.
    /// </summary>
    private static Gen<JsonNode?> Value(JsonNode? schema, int depth, Gen<int> mood) => mood.SelectMany(m => m switch
    {
        5 => WrongType(),
        6 => Gen.Const<JsonNode?>((JsonNode?)null),
        _ => Shaped(schema, depth, m, mood),
    });

    private static Gen<JsonNode?> Shaped(JsonNode? schema, int depth, int mood, Gen<int> moods)
    {
        var types = TypesOf(schema);
        if (schema?["anyOf"] is JsonArray anyOf && anyOf.Count > 0)
        {
            return Gen.Int[0, anyOf.Count - 1].SelectMany(i => Shaped(anyOf[i], depth, mood, moods));
        }

        if (schema?["enum"] is JsonArray values && values.Count > 0 && mood < 5)
        {
            return Gen.Int[0, values.Count - 1].Select(i => values[i]?.DeepClone());
        }

        if (types.Contains("object") || schema?["properties"] is not null)
        {
            return depth > 6 ? Gen.Const<JsonNode?>(new JsonObject()) : Object(schema!, depth, mood, moods);
        }

        if (types.Contains("array"))
        {
            return depth > 6 ? Gen.Const<JsonNode?>(new JsonArray()) : Value(schema?["items"], depth + 1, moods).Array[0, mood == 8 ? 100 : 4]
                .Select(items => (JsonNode?)new JsonArray([.. items]));
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return Gen.OneOf<string>("0", "1", "-1", "2147483647", "2147483648", "-9223372036854775809", "1.5", "1e308", "3").Select(n => JsonNode.Parse(n));
        }

        if (types.Contains("boolean"))
        {
            return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        }

        var format = schema?["format"]?.GetValue<string>();
        return (mood, format) switch
        {
            (9, _) => Gen.OneOf<string>(ControlTexts).Select(s => (JsonNode?)JsonValue.Create(s)),
            (8, _) => Gen.Int[1_000, 70_000].Select(n => (JsonNode?)JsonValue.Create(new string('x', n))),
            (_, "date-time") => Gen.OneOf<string>(DateTimes).Select(s => (JsonNode?)JsonValue.Create(s)),
            (_, "date") => Gen.OneOf<string>(Dates).Select(s => (JsonNode?)JsonValue.Create(s)),
            (_, "uuid") => Gen.Guid.Select(g => (JsonNode?)JsonValue.Create(g.ToString())),
            _ => Gen.OneOf<string>(Texts).Select(s => (JsonNode?)JsonValue.Create(s)),
        };
    }

    private static Gen<JsonNode?> Object(JsonNode schema, int depth, int mood, Gen<int> moods)
    {
        var properties = schema["properties"]?.AsObject().Select(p => (p.Key, Schema: p.Value)).ToList() ?? [];
        var all = properties.Aggregate(
            Gen.Const<(string Key, JsonNode? Value)[]>(Array.Empty<(string, JsonNode?)>()),
            (acc, p) => Gen.Select(acc, Value(p.Schema, depth + 1, moods), (a, v) => a.Append((p.Key, v)).ToArray()));
        return Gen.Select(all, Gen.Bool.Array[properties.Count], Gen.Int[0, 3], (values, drop, extra) =>
        {
            var obj = new JsonObject();
            for (var i = 0; i < values.Length; i++)
            {
                if (mood == 7 && drop[i])
                {
                    continue;
                }

                obj[values[i].Key] = values[i].Value;
            }

            if (mood == 7)
            {
                for (var i = 0; i < extra; i++)
                {
                    obj[$"extra{i.ToString(CultureInfo.InvariantCulture)}"] = i % 2 == 0 ? "surplus" : new JsonObject { ["nested"] = i };
                }
            }

            return (JsonNode?)obj;
        });
    }

    private static Gen<JsonNode?> WrongType() =>
        Gen.OneOf<string>("1", "-0.5", "true", "\"text\"", "[]", "[1,\"a\",null]", "{}", "{\"x\":{}}", "\"2027-01-15T10:00:00+03:00\"").Select(j => JsonNode.Parse(j));

    private static Gen<string> Csv()
    {
        const string header = "name,acronym,type,scope,country,countries_of_operation,themes,languages,website,iati_identifier";
        var cell = Gen.Frequency(
            (6, Gen.OneOf<string>(Texts)),
            (2, Gen.OneOf<string>(ControlTexts)),
            (1, Gen.OneOf<string>("\"unclosed", "a\"b", "\"x\"y", "\"\"", "x,y", "KE;UG", "\"multi\nline\"")));
        var row = cell.Array[0, 12].Select(cells => string.Join(',', cells));
        return Gen.Select(Gen.Frequency((5, Gen.Const(header)), (1, cell.Array[1, 10].Select(c => string.Join(',', c)))), row.Array[0, 5],
            (h, rows) => h + "\n" + string.Join("\n", rows) + "\n");
    }

    private static HashSet<string> TypesOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue single => [single.GetValue<string>()],
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        _ => [],
    };
}
