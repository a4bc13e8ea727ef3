using CsvHelper;
using Iom.Registry.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Iom.Registry.Organizations;

/// <summary>
/// GET /api/registry/organizations/export?…filters… → text/csv of every matching organisation, in listing
/// order, streamed row by row (the same format the import reads). No focal points. Every text cell goes through
/// <see cref="CsvFormat.Neutralise"/>: a name a focal point set to "=HYPERLINK(…)" is exported inert.
/// </summary>
internal static class ExportOrganizations
{
    public static Results<FileStreamHttpResult, PushStreamHttpResult, ValidationProblem> Handle(
        [AsParameters] OrganizationFilterRequest request, RegistryDbContext db)
    {
        var errors = new FieldErrors();
        errors.Require(request.Limit is null, "limit", "The export has no pages: leave out limit.");
        errors.Require(request.After is null, "after", "The export has no pages: leave out after.");
        var filter = OrganizationFilter.Parse(request, errors, paging: false);
        if (filter is null || !errors.IsValid)
        {
            return errors.ToProblem();
        }

        return TypedResults.Stream(async body =>
        {
            var cancellationToken = CancellationToken.None;
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var csv = CsvWriter.Create(body, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
                csv.WriteHeader([.. CsvFormat.Columns, .. CsvFormat.ExportOnlyColumns]);
                await foreach (var o in OrganizationSearch.AllAsync(filter, (NpgsqlConnection)db.Database.GetDbConnection(), cancellationToken))
                {
                    csv.WriteField(CsvFormat.Neutralise(o.Name));
                    csv.WriteField(CsvFormat.Neutralise(o.Acronym));
                    csv.WriteField(CsvFormat.Neutralise(o.Type));
                    csv.WriteField(CsvFormat.Neutralise(o.Scope));
                    csv.WriteField(CsvFormat.Neutralise(o.Country));
                    csv.WriteField(CsvFormat.Neutralise(CsvFormat.JoinList(o.CountriesOfOperation)));
                    csv.WriteField(CsvFormat.Neutralise(CsvFormat.JoinList(o.Themes)));
                    csv.WriteField(CsvFormat.Neutralise(CsvFormat.JoinList(o.Languages)));
                    csv.WriteField(CsvFormat.Neutralise(o.Website));
                    csv.WriteField(CsvFormat.Neutralise(o.IatiIdentifier));
                    csv.WriteField(CsvFormat.Neutralise(o.Status));
                    csv.WriteField(o.IsObserver ? "true" : "false");
                    csv.WriteField(o.Id.ToString());
                    await csv.EndRecordAsync(cancellationToken);
                }

                await csv.FlushAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, "text/csv; charset=utf-8", "organizations.csv");
    }
}
