using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Syndicate;

public sealed class RecommendedReadTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task A_member_recommends_at_most_three_reads_per_consultation_even_when_sent_at_once()
    {
        var consultation = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody());
        var other = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody());
        var member = await consultations.InviteAsync();
        var client = consultations.MemberClient(member);

        var responses = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => client.PostAsJsonAsync("/api/consultations/syndicate/me/reads", SyndicateApi.Read(consultation, $"Read {i}"))));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(3, await consultations.QueryAsync(db => db.RecommendedReads.CountAsync(r => r.MemberId == member.Id && r.ConsultationId == consultation)));
        var elsewhere = await client.PostAsJsonAsync("/api/consultations/syndicate/me/reads", SyndicateApi.Read(other));
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/consultations/syndicate/me");
        var first = mine.GetProperty("reads")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/consultations/syndicate/me/reads/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/consultations/syndicate/me/reads", SyndicateApi.Read(consultation, "Replacement"))).StatusCode);
    }

    [Theory]
    [InlineData("11.1234/abc", null, "doi")]
    [InlineData(null, "javascript:alert(1)", "url")]
    [InlineData(null, "ftp://example.org/file", "url")]
    [InlineData(null, null, "doi")]
    public async Task A_read_without_a_valid_doi_or_url_is_a_400_naming_the_field(string? doi, string? url, string field)
    {
        var consultation = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody());
        var member = await consultations.InviteAsync();

        var response = await consultations.MemberClient(member).PostAsJsonAsync("/api/consultations/syndicate/me/reads", SyndicateApi.Read(consultation, doi: doi, url: url));

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.False(await consultations.QueryAsync(db => db.RecommendedReads.AnyAsync(r => r.MemberId == member.Id)));
    }

    [Fact]
    public async Task An_editor_publishes_reads_to_the_public_reading_list_exported_as_BibTeX_and_RIS()
    {
        var consultation = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody());
        var member = await consultations.InviteAsync(name: "Binod Khadria");
        var client = consultations.MemberClient(member);
        var doiRead = await (await client.PostAsJsonAsync("/api/consultations/syndicate/me/reads", SyndicateApi.Read(consultation, "Remittances & {development} in 100% of cases", doi: "https://doi.org/10.1111/imig.12345"))).Content.ReadFromJsonAsync<JsonElement>();
        var urlRead = await (await client.PostAsJsonAsync("/api/consultations/syndicate/me/reads", SyndicateApi.Read(consultation, "Diaspora engagement", doi: null, url: "https://publications.iom.int/books/diaspora"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("10.1111/imig.12345", doiRead.GetProperty("doi").GetString());
        var anonymous = consultations.CreateClient();
        Assert.Empty(await anonymous.GetFromJsonAsync<JsonElement[]>($"/api/consultations/public/syndicate/reads?consultationId={consultation}") ?? []);

        var queue = await consultations.ClientFor(SuiteRoles.SyndicateEditor).GetFromJsonAsync<JsonElement>("/api/consultations/syndicate/review");
        Assert.Contains(queue.GetProperty("reads").EnumerateArray(), r => r.GetProperty("id").GetGuid() == doiRead.GetProperty("id").GetGuid());
        foreach (var read in new[] { doiRead, urlRead })
        {
            var published = await consultations.ClientFor(SuiteRoles.SyndicateEditor).PostAsync($"/api/consultations/syndicate/reads/{read.GetProperty("id").GetGuid()}/publication", null);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        var list = await anonymous.GetFromJsonAsync<JsonElement[]>($"/api/consultations/public/syndicate/reads?consultationId={consultation}");
        Assert.Equal(2, list!.Length);
        Assert.All(list, r => Assert.Equal("Binod Khadria", r.GetProperty("recommendedBy").GetString()));

        var bib = await anonymous.GetAsync($"/api/consultations/public/syndicate/reads.bib?consultationId={consultation}");
        Assert.Equal("application/x-bibtex", bib.Content.Headers.ContentType?.MediaType);
        var bibtex = await bib.Content.ReadAsStringAsync();
        Assert.Contains(@"title = {Remittances \& \{development\} in 100\% of cases},", bibtex, StringComparison.Ordinal);
        Assert.Contains("author = {Marie McAuliffe and Martin Ruhs},", bibtex, StringComparison.Ordinal);
        Assert.Contains("doi = {10.1111/imig.12345},", bibtex, StringComparison.Ordinal);
        Assert.Equal(2, bibtex.Split("@misc{", StringSplitOptions.None).Length - 1);
        var ris = await (await anonymous.GetAsync($"/api/consultations/public/syndicate/reads.ris?consultationId={consultation}")).Content.ReadAsStringAsync();
        Assert.Contains("TY  - GEN\r\n", ris, StringComparison.Ordinal);
        Assert.Contains("AU  - Martin Ruhs\r\n", ris, StringComparison.Ordinal);
        Assert.Contains("UR  - https://publications.iom.int/books/diaspora\r\n", ris, StringComparison.Ordinal);
        Assert.Equal(2, ris.Split("ER  - ", StringSplitOptions.None).Length - 1);
    }
}
