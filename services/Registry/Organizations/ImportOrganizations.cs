using System.Security.Claims;
using CsvHelper;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Organizations;

/// <summary>
/// Bulk import from CSV (text/csv body, <see cref="CsvFormat"/>): read as a stream in batches, never whole.
/// Every row is validated; bad rows are reported with their line and column and skipped; good rows create or
/// update the organisation with the same (normalised) name in the same country, so importing the same file
/// again changes nothing and publishes nothing. One event per created (PartnerRegistered) or changed
/// (PartnerUpdated) organisation. A file that cannot be read as a whole — wrong header, bad quoting, bytes
/// that are not UTF-8 — is a 400 naming the line, and then nothing at all is written (one transaction).
/// A cell the export neutralised ("'=…") is read back as the user entered it (<see cref="CsvFormat.Restore"/>).
/// </summary>
public static partial class ImportOrganizations
{
    public const int BatchSize = 500;
    public const int MaxReportedErrors = 1000;

    public sealed record RowError(long Line, string Field, string Message);

    public sealed record Report(long Rows, int Created, int Updated, int Unchanged, int Rejected, IReadOnlyList<RowError> Errors);

    /// <summary>A file that cannot be read: the line and what is wrong.</summary>
    public sealed class UnreadableFileException(long line, string message) : Exception(message)
    {
        public long Line { get; } = line;
    }

    private sealed record Row(long Line, OrganizationProfile Profile, string Key);

    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["acronym"] = "acronym",
        ["type"] = "type",
        ["scope"] = "scope",
        ["country"] = "country",
        ["countriesOfOperation"] = "countries_of_operation",
        ["themes"] = "themes",
        ["languages"] = "languages",
        ["website"] = "website",
        ["iatiIdentifier"] = "iati_identifier",
    };

    public static async Task<Results<Ok<Report>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ClaimsPrincipal user, RegistryDbContext db, TimeProvider clock, ILogger<Report> logger, CancellationToken cancellationToken)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as text/csv.");
        }

        try
        {
            var report = await ImportAsync(request.Body, db, user.Actor(), clock.GetUtcNow(), cancellationToken);
            LogImported(logger, report.Rows, report.Created, report.Updated, report.Rejected);
            return TypedResults.Ok(report);
        }
        catch (UnreadableFileException e)
        {
            return new FieldErrors().Add($"line {e.Line}", e.Message).ToProblem("The CSV file cannot be read.");
        }
    }

    /// <summary>The import itself (also used by the benchmark): throws <see cref="UnreadableFileException"/> after rolling back.</summary>
    public static async Task<Report> ImportAsync(Stream body, RegistryDbContext db, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MaxRecordSize = 64 * 1024,
            IncludeValuesInExceptions = false,
        };
        var errors = new List<RowError>();
        int created = 0, updated = 0, unchanged = 0, rejected = 0;
        long rows = 0;
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<Row>(BatchSize);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var csv = CsvReader.Create(body, options, leaveOpen: true))
        {
            try
            {
                await csv.ReadHeaderAsync(cancellationToken);
                CheckHeader(csv.Headers);
                while (await csv.ReadAsync(cancellationToken))
                {
                    rows++;
                    var line = csv.LineNumber;
                    var rowErrors = new FieldErrors();
                    var row = ReadRow(csv, line, rowErrors);
                    if (row is not null && seen.TryGetValue(row.Key, out var first))
                    {
                        rowErrors.Add("name", $"The same organisation (name and country) is already on line {first}.");
                        row = null;
                    }

                    if (row is null)
                    {
                        rejected++;
                        foreach (var (field, message) in rowErrors.All)
                        {
                            if (errors.Count < MaxReportedErrors)
                            {
                                errors.Add(new RowError(line, Column(field), message));
                            }
                        }

                        continue;
                    }

                    seen[row.Key] = line;
                    batch.Add(row);
                    if (batch.Count == BatchSize)
                    {
                        (created, updated, unchanged) = Add((created, updated, unchanged), await FlushAsync(db, batch, actor, now, cancellationToken));
                    }
                }
            }
            catch (CsvFormatException e)
            {
                throw new UnreadableFileException(e.LineNumber > 0 ? e.LineNumber : csv.LineNumber + 1, "The line breaks the CSV quoting rules (RFC 4180): a quote is not closed, or text follows a closing quote.");
            }
        }

        (created, updated, unchanged) = Add((created, updated, unchanged), await FlushAsync(db, batch, actor, now, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new Report(rows, created, updated, unchanged, rejected, errors);
    }

    private static (int, int, int) Add((int C, int U, int N) a, (int C, int U, int N) b) => (a.C + b.C, a.U + b.U, a.N + b.N);

    private static void CheckHeader(IReadOnlyList<string> headers)
    {
        var names = headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var expected = CsvFormat.Columns;
        var ok = names.SequenceEqual(expected) || names.SequenceEqual(expected.Concat(CsvFormat.ExportOnlyColumns));
        if (!ok)
        {
            throw new UnreadableFileException(1, $"The header must be: {string.Join(",", expected)} (optionally followed by {string.Join(",", CsvFormat.ExportOnlyColumns)}).");
        }
    }

    private static Row? ReadRow(CsvReader csv, long line, FieldErrors errors)
    {
        var fields = new string?[CsvFormat.Columns.Length];
        for (var i = 0; i < fields.Length && i < csv.FieldCount; i++)
        {
            var value = CsvFormat.Restore(csv.GetString(i));
            if (value is not null && value.Contains('\uFFFD', StringComparison.Ordinal))
            {
                // Bytes that are not UTF-8 decode to U+FFFD: the file has another encoding.
                throw new UnreadableFileException(line, $"Column {CsvFormat.Columns[i]} is not valid UTF-8: save the file as UTF-8.");
            }

            if (value is not null && !TextRules.IsAcceptable(value))
            {
                // NUL and other control characters cannot be stored, nor exported to XML-based formats.
                throw new UnreadableFileException(line, $"Column {CsvFormat.Columns[i]}: {TextRules.Message}");
            }

            fields[i] = string.IsNullOrWhiteSpace(value) ? null : value;
        }

        var expectedCount = csv.FieldCount > CsvFormat.Columns.Length ? CsvFormat.Columns.Length + CsvFormat.ExportOnlyColumns.Length : CsvFormat.Columns.Length;
        if (csv.FieldCount != expectedCount)
        {
            errors.Add("columns", $"Expected {CsvFormat.Columns.Length} fields, found {csv.FieldCount}.");
            return null;
        }

        var profile = ProfileInput.Validate(errors, fields[0], fields[1], fields[2], fields[3], fields[4],
            CsvFormat.SplitList(fields[5]), CsvFormat.SplitList(fields[6]), CsvFormat.SplitList(fields[7]), fields[8], fields[9]);
        return profile is null ? null : new Row(line, profile, Organization.Normalize(profile.Name) + "|" + profile.Country);
    }

    private static string Column(string field)
    {
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? field : field[..bracket];
        return ColumnOfField.TryGetValue(name, out var column) ? column + (bracket < 0 ? string.Empty : field[bracket..]) : field;
    }

    /// <summary>Writes one batch: creates the new, updates the changed, leaves the same alone; then forgets the tracked rows.</summary>
    private static async Task<(int Created, int Updated, int Unchanged)> FlushAsync(RegistryDbContext db, List<Row> batch, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (0, 0, 0);
        }

        var names = batch.Select(r => Organization.Normalize(r.Profile.Name)).Distinct().ToList();
        var existing = (await db.Organizations.Where(o => names.Contains(o.NormalizedName)).ToListAsync(cancellationToken))
            .ToDictionary(o => o.NormalizedName + "|" + o.Country, StringComparer.Ordinal);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in batch)
        {
            if (!existing.TryGetValue(row.Key, out var organization))
            {
                RegisterOrganization.Stage(db, row.Profile, [], actor, now, "imported");
                created++;
                continue;
            }

            if (organization.Status == OrganizationStatus.Archived)
            {
                unchanged++;
                continue;
            }

            var changed = organization.Apply(row.Profile, now);
            if (changed.Count == 0)
            {
                unchanged++;
                continue;
            }

            db.Audit(organization.Id, actor, "imported", changed, now);
            db.StageEvent(PartnerEventsFactory.Updated(organization, changed));
            updated++;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        batch.Clear();
        return (created, updated, unchanged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Rows} CSV rows: {Created} created, {Updated} updated, {Rejected} rejected")]
    private static partial void LogImported(ILogger logger, long rows, int created, int updated, int rejected);
}
