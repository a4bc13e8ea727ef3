using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Registry.Tests.Organizations;

public sealed class ImportOrganizationsTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private const string Header = "name,acronym,type,scope,country,countries_of_operation,themes,languages,website,iati_identifier";

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return content;
    }

    private static ByteArrayContent Csv(string text) => Csv(Encoding.UTF8.GetBytes(text));

    private Task<HttpResponseMessage> ImportAsync(HttpContent content) =>
        registry.ClientFor(SuiteRoles.RegistryEditor).PostAsync("/api/registry/organizations/import", content);

    private Task<(int Organizations, int Outbox, int Audit)> CountsAsync() =>
        registry.QueryAsync(async db => (await db.Organizations.CountAsync(), await db.Set<OutboxMessage>().CountAsync(), await db.AuditTrail.CountAsync()));

    [Fact]
    public async Task A_cell_with_a_NUL_character_is_a_400_naming_line_and_column_and_nothing_of_the_file_is_written()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var before = await CountsAsync();
        var file = $"{Header}\nGood Row {s},,ngo,national,KE,,,,,\nNul\0Row {s},,ngo,national,KE,,,,,\n";

        var response = await ImportAsync(Csv(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("line 3", error.Name);
        Assert.Contains("Column name", error.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Good_rows_are_imported_bad_rows_reported_by_line_and_column_and_a_second_run_changes_and_publishes_nothing()
    {
        await using var probe = await BusProbe.StartAsync(registry.Servers.RabbitMq, typeof(PartnerRegistered), typeof(PartnerUpdated));
        var s = Guid.NewGuid().ToString("N")[..6];
        var file = $"""
            {Header}
            "Norwegian Refugee Council {s}",NRC,ngo,international,NO,KE;SO,"humanitarian-response;resettlement",en;no,https://www.nrc.no,XM-DAC-21-1
            Diaspora Forum {s},,diaspora-organisation,national,SN,,diaspora;knitting,fr,,
            "Hugo Observatory, {s}",,academic-institution,international,BE,,environment-and-climate-change;research,fr;en,,
            Bad Country {s},,ngo,local,XX,,,,,
            Migrant Voices {s},MV,migrant-organisation,local,GB,,advocacy,en,,GB-CHC-123456

            """;
        var bytes = Encoding.UTF8.GetBytes(file.Replace("\r\n", "\n", StringComparison.Ordinal));

        var response = await ImportAsync(Csv(bytes));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        Assert.Equal(5, report.GetProperty("rows").GetInt64());
        Assert.Equal(3, report.GetProperty("created").GetInt32());
        Assert.Equal(2, report.GetProperty("rejected").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt64(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((3L, "themes[1]"), errors);
        Assert.Contains((5L, "country"), errors);
        var nrc = await registry.QueryAsync(db => db.Organizations.SingleAsync(o => o.Name == $"Norwegian Refugee Council {s}"));
        Assert.Equal(["humanitarian-response", "resettlement"], nrc.Themes);
        Assert.Equal(["KE", "NO", "SO"], nrc.CountriesOfOperation);
        // Generous waits: the relay publishes oldest first, one confirm at a time, and another test of this class may have queued 600 events.
        await probe.WaitForAsync<PartnerRegistered>(m => m.GetProperty("partnerId").GetGuid() == nrc.Id, TimeSpan.FromSeconds(90));
        var before = await CountsAsync();
        // All three PartnerRegistered (one per created organisation) have arrived before the re-runs.
        await Eventually.TrueAsync(() => Task.FromResult(probe.OfType<PartnerRegistered>().Count(m => m.RawBody.Contains(s, StringComparison.Ordinal)) == 3), TimeSpan.FromSeconds(90));
        var messagesBefore = probe.Messages.Count(m => m.RawBody.Contains(s, StringComparison.Ordinal));
        Assert.Equal(3, messagesBefore);

        var again = await (await ImportAsync(Csv(bytes))).ReadJsonAsync();

        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(before, await CountsAsync());
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("advocacy,en", "advocacy;media,en", StringComparison.Ordinal));
        var third = await (await ImportAsync(Csv(changed))).ReadJsonAsync();
        Assert.Equal(1, third.GetProperty("updated").GetInt32());
        var updated = await probe.WaitForAsync<PartnerUpdated>(m => m.GetProperty("name").GetString() == $"Migrant Voices {s}", TimeSpan.FromSeconds(90));
        Assert.Equal(["themes"], updated.Message.GetProperty("changedFields").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(messagesBefore + 1, probe.Messages.Count(m => m.RawBody.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_exported_list_imports_back_as_unchanged()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        await registry.RegisterAsync(Partners.Body($"Export Roundtrip {s}, \"Quoted\"", "LI", themes: ["advocacy", "research"]));
        await registry.RegisterAsync(Partners.Body($"Export Roundtrip Two {s}", "LI", "academic-institution"));
        var exported = await registry.ClientFor(SuiteRoles.RegistryEditor).GetByteArrayAsync("/api/registry/organizations/export?country=LI");
        var before = await CountsAsync();

        var report = await (await ImportAsync(Csv(exported))).ReadJsonAsync();

        Assert.Equal(0, report.GetProperty("rejected").GetInt32());
        Assert.Equal(2, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_wrong_header_is_a_400_naming_line_1_and_writes_nothing()
    {
        var before = await CountsAsync();
        var response = await ImportAsync(Csv("organisation,country\nICVA,CH\n"));
        await response.AssertProblemNamesAsync("line 1");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Bad_quoting_is_a_400_naming_the_line_and_the_rows_before_it_are_not_written()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var before = await CountsAsync();
        var response = await ImportAsync(Csv($"{Header}\nFirst {s},,ngo,local,CH,,,,,\nSecond {s},,ngo,local,CH,,,,,\n\"Broken \"quote {s},,ngo,local,CH,,,,,\n"));
        await response.AssertProblemNamesAsync("line 4");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_are_a_400_naming_the_line()
    {
        var before = await CountsAsync();
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\nFine {Guid.NewGuid():N},,ngo,local,FR,,,,,\nAction contre la faim {Guid.NewGuid():N} \u00e9t\u00e9,,ngo,local,FR,,,,,\n");
        var response = await ImportAsync(Csv(latin1));
        await response.AssertProblemNamesAsync("line 3");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_csv_is_refused()
    {
        var response = await registry.ClientFor(SuiteRoles.RegistryEditor).PostAsJsonAsync("/api/registry/organizations/import", new { name = "x" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registry.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsync("/api/registry/organizations/import", Csv(Header))).StatusCode);
    }

    [Fact]
    public async Task A_streamed_file_of_several_batches_is_imported_and_reported()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        const int rows = 600;
        var registeredBefore = await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.StartsWith("Iom.Contracts.Registry.PartnerRegistered")));
        var response = await ImportAsync(new GeneratedCsv(Header, rows, i => $"Generated Partner {s} {i:D5},,ngo,national,KE,UG;TZ,humanitarian-response,en;sw,,"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        Assert.Equal(rows, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetInt32());
        Assert.Equal(rows, await registry.QueryAsync(db => db.Organizations.CountAsync(o => o.Name.StartsWith($"Generated Partner {s}"))));
        Assert.Equal(registeredBefore + rows, await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.StartsWith("Iom.Contracts.Registry.PartnerRegistered"))));
    }

    /// <summary>A CSV body written row by row as it is sent (never held whole).</summary>
    private sealed class GeneratedCsv : HttpContent
    {
        private readonly string header;
        private readonly int rows;
        private readonly Func<int, string> row;

        public GeneratedCsv(string header, int rows, Func<int, string> row)
        {
            this.header = header;
            this.rows = rows;
            this.row = row;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true);
            await writer.WriteAsync(header + "\n");
            for (var i = 0; i < rows; i++)
            {
                await writer.WriteAsync(row(i) + "\n");
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
