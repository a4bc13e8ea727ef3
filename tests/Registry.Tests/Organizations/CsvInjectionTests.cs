using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CsvHelper;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Registry.Tests.Organizations;

/// <summary>
/// OWASP CSV injection: a cell that starts like a formula (= + - @ tab CR) leaves the export with a leading apostrophe,
/// whoever set it (an import, an editor, a focal point); importing the export again restores what the user entered.
/// </summary>
public sealed class CsvInjectionTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private const string Header = "name,acronym,type,scope,country,countries_of_operation,themes,languages,website,iati_identifier";

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+41 Partners", "'+41 Partners")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("'=1+1", "''=1+1")]
    [InlineData("'t Hooft Foundation", "'t Hooft Foundation")]
    [InlineData("Plain Name", "Plain Name")]
    [InlineData("Name = ok", "Name = ok")]
    public void A_formula_cell_is_exported_inert_and_imported_back_as_entered(string entered, string exported)
    {
        Assert.Equal(exported, CsvFormat.Neutralise(entered));
        Assert.Equal(entered, CsvFormat.Restore(CsvFormat.Neutralise(entered)));
    }

    [Fact]
    public void Every_exported_cell_is_inert_and_every_value_survives_the_round_trip()
    {
        var alphabet = "=+-@\t\r' aZ1".ToCharArray();
        var random = new Random(20261203);
        for (var i = 0; i < 20_000; i++)
        {
            var value = new string(Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var cell = CsvFormat.Neutralise(value)!;
            Assert.False(cell.Length > 0 && CsvFormat.FormulaTriggers.Contains(cell[0]), $"'{value}' exported as a live cell '{cell}'");
            Assert.Equal(value, CsvFormat.Restore(cell));
        }
    }

    [Fact]
    public async Task Imported_formula_names_are_stored_as_entered_exported_inert_and_reimported_unchanged()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        string[] names = [$"=HYPERLINK(\"http://evil.example/{s}\",\"Open\")", $"+{s} Partners", $"-{s}+1", $"@SUM {s}", $"'t Hooft {s}"];
        var file = Header + "\n" + string.Concat(names.Select(n => $"\"{n.Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"=cmd|{s}\",ngo,local,LU,,,,,\n"));

        var first = await (await ImportAsync(file)).ReadJsonAsync();
        Assert.Equal(5, first.GetProperty("created").GetInt32());
        var stored = await registry.QueryAsync(db => db.Organizations.Where(o => o.Country == "LU" && o.Acronym == $"=cmd|{s}").Select(o => o.Name).ToListAsync());
        Assert.Equal(names.Order(), stored.Order());

        var rows = await ExportAsync("LU", s);
        Assert.Equal(5, rows.Count);
        string[] inert = [.. names.Take(4).Select(n => "'" + n), names[4]]; // an apostrophe a name begins with is not a formula
        Assert.Equal(inert.Order(), rows.Select(r => r[0]).Order());
        Assert.All(rows, r => Assert.Equal($"'=cmd|{s}", r[1]));

        var again = await (await ImportAsync(await ExportTextAsync("LU"))).ReadJsonAsync();
        Assert.Equal(0, again.GetProperty("rejected").GetInt32());
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        var after = await registry.QueryAsync(db => db.Organizations.Where(o => o.Country == "LU" && o.Acronym == $"=cmd|{s}").Select(o => o.Name).ToListAsync());
        Assert.Equal(names.Order(), after.Order());
    }

    [Fact]
    public async Task A_name_a_focal_point_sets_to_a_formula_is_exported_inert()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var id = await registry.RegisterAsync(Partners.Body($"Focal Owned {s}", "MT"));
        var focal = registry.ClientFor(SuiteRoles.CsoFocalPoint, id);
        var get = await focal.GetAsync($"/api/registry/organizations/{id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var formula = $"=IMPORTXML(\"http://evil.example/{s}\",\"//a\")";
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/registry/organizations/{id}") { Content = JsonContent.Create(Partners.Body(formula, "MT")) };
        put.Headers.TryAddWithoutValidation("If-Match", get.Headers.ETag!.ToString());
        var response = await focal.SendAsync(put);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var row = Assert.Single(await ExportAsync("MT", s));
        Assert.Equal("'" + formula, row[0]);
    }

    private Task<HttpResponseMessage> ImportAsync(string csv)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return registry.ClientFor(SuiteRoles.RegistryEditor).PostAsync("/api/registry/organizations/import", content);
    }

    private Task<string> ExportTextAsync(string country) =>
        registry.ClientFor(SuiteRoles.RegistryEditor).GetStringAsync($"/api/registry/organizations/export?country={country}");

    /// <summary>The exported rows (cells as a spreadsheet receives them) that mention the marker.</summary>
    private async Task<List<string[]>> ExportAsync(string country, string marker)
    {
        var bytes = await registry.ClientFor(SuiteRoles.RegistryEditor).GetByteArrayAsync($"/api/registry/organizations/export?country={country}");
        var rows = new List<string[]>();
        await using var csv = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions { Separator = ',', HasHeader = true }, leaveOpen: false);
        await csv.ReadHeaderAsync(CancellationToken.None);
        while (await csv.ReadAsync(CancellationToken.None))
        {
            var row = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? string.Empty).ToArray();
            if (row.Any(c => c.Contains(marker, StringComparison.Ordinal)))
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
