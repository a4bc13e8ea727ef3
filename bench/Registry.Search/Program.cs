using System.Diagnostics;
using System.Globalization;
using System.Text;
using Iom.Registry.Bench;
using Iom.Registry.Data;
using Iom.Registry.Organizations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Registry search benchmark: seeds 100,000 organisations into a database of its own on the test server
// (IOM_TEST_POSTGRES), measures the listing/search queries the API runs (OrganizationFilter, the same code),
// then a 10,000-row CSV import through ImportOrganizations. Prints a Markdown report.
var server = Environment.GetEnvironmentVariable("IOM_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set IOM_TEST_POSTGRES (source /tmp/iomtest/env).");
var organizations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
var database = $"registry_bench_{Guid.NewGuid():N}"[..30];
var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, MaxPoolSize = 10 }.ConnectionString;
var report = new StringBuilder();
var total = Stopwatch.StartNew();

try
{
    await using (var db = Bench.Context(connectionString))
    {
        await db.Database.MigrateAsync();
    }

    var seed = Stopwatch.StartNew();
    await Bench.SeedAsync(connectionString, organizations);
    seed.Stop();
    report.AppendLine(CultureInfo.InvariantCulture, $"Seeded {organizations:N0} organisations (binary COPY with the indexes in place, word dictionary filled once, VACUUM ANALYZE) in {seed.Elapsed.TotalSeconds:F1} s.");
    report.AppendLine();

    var dataSource = NpgsqlDataSource.Create(connectionString);
    await using (dataSource)
    {
        report.AppendLine("| query | rows on page | total | p50 ms | p95 ms | max ms |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (label, request) in Bench.Queries)
        {
            var result = await Bench.MeasureAsync(dataSource, request, iterations);
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{label}` | {result.Rows} | {result.Total:N0} | {result.P50:F1} | {result.P95:F1} | {result.Max:F1} |");
        }

        // The second page of a search, through the cursor of the first.
        var paged = await Bench.MeasureSecondPageAsync(dataSource, iterations);
        report.AppendLine(CultureInfo.InvariantCulture, $"| `q=Migrant Health&limit=25, page 2 (after=cursor)` | {paged.Rows} | {paged.Total:N0} | {paged.P50:F1} | {paged.P95:F1} | {paged.Max:F1} |");
    }

    report.AppendLine();
    foreach (var rows in new[] { 2_000, 10_000 })
    {
        var import = await Bench.ImportAsync(connectionString, rows);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"CSV import of {rows:N0} rows (streamed from a generator, batches of {ImportOrganizations.BatchSize}): {import.Elapsed.TotalSeconds:F1} s, created {import.Report.Created:N0}, rejected {import.Report.Rejected:N0}; managed heap peak {import.PeakHeapMb:F0} MB (before {import.HeapBeforeMb:F0} MB), allocated {import.AllocatedMb:F0} MB.");
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    if (Environment.GetEnvironmentVariable("BENCH_KEEP_DATABASE") == "1")
    {
        database = "postgres"; // keep the bench database for EXPLAIN; drop nothing
        Console.WriteLine($"Kept database {connectionString}");
    }

    await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
    await admin.OpenAsync();
    if (database != "postgres")
    {
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Whole run: {total.Elapsed.TotalSeconds:F0} s. Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}.");
Console.WriteLine(report);
