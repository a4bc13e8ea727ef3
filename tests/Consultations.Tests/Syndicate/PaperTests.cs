using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Syndicate;

public sealed class PaperTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    private const string Body = """
        # Diaspora bonds

        Remittances are **private** money.<script>alert('x')</script>

        [Read more](javascript:alert(1)) and [the report](https://publications.iom.int/wmr).
        """;

    private static ByteArrayContent Pdf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private static byte[] PdfBytes(int size)
    {
        var bytes = new byte[size];
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(bytes, 0);
        return bytes;
    }

    private async Task<(Member Member, Guid Consultation, Guid Paper)> DraftAsync()
    {
        var institution = await consultations.AddInstitutionAsync();
        var member = await consultations.InviteAsync(institution);
        var (consultation, session) = await consultations.ThematicSessionAsync();
        var response = await consultations.MemberClient(member).PostAsJsonAsync("/api/consultations/syndicate/me/papers", new Dictionary<string, object>
        {
            ["consultationId"] = consultation,
            ["sessionId"] = session,
            ["title"] = "Diaspora bonds for development",
            ["abstract"] = "How diaspora bonds can finance development.",
            ["body"] = Body,
            ["licence"] = "CC-BY-4.0",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (member, consultation, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_paper_goes_from_draft_with_its_pdf_through_review_to_public_pages_and_ResearchPaperPublished()
    {
        await using var probe = await BusProbe.StartAsync(consultations.Servers.RabbitMq, typeof(ResearchPaperPublished));
        var (member, consultation, paper) = await DraftAsync();
        var client = consultations.MemberClient(member);
        var pdf = PdfBytes(300_000);

        var attached = await client.PutAsync($"/api/consultations/syndicate/me/papers/{paper}/pdf", Pdf(pdf));
        Assert.True(attached.StatusCode == HttpStatusCode.OK, await attached.Content.ReadAsStringAsync());
        var checksum = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.Equal(checksum, (await attached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/consultations/syndicate/me/papers/{paper}/submission", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await consultations.CreateClient().GetAsync($"/api/consultations/public/syndicate/papers/{paper}")).StatusCode);
        var locked = await client.PutAsync($"/api/consultations/syndicate/me/papers/{paper}/pdf", Pdf(pdf));
        await locked.ProblemAsync(HttpStatusCode.Conflict);

        var editor = consultations.ClientFor(SuiteRoles.SyndicateEditor);
        var queue = await editor.GetFromJsonAsync<JsonElement>("/api/consultations/syndicate/review");
        Assert.Contains(queue.GetProperty("papers").EnumerateArray(), p => p.GetProperty("id").GetGuid() == paper && p.GetProperty("pdfSha256").GetString() == checksum);
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/consultations/syndicate/papers/{paper}/publication", null)).StatusCode);
        await (await editor.PostAsync($"/api/consultations/syndicate/papers/{paper}/publication", null)).ProblemAsync(HttpStatusCode.Conflict);

        var message = await probe.WaitForAsync<ResearchPaperPublished>(m => m.GetProperty("paperId").GetGuid() == paper);
        Assert.Equal("Marie McAuliffe", message.Message.GetProperty("author").GetString());
        Assert.Equal("University of Oxford, COMPAS", message.Message.GetProperty("institution").GetString());
        Assert.Equal(consultation, message.Message.GetProperty("consultationId").GetGuid());
        Assert.DoesNotContain("@example.org", message.RawBody, StringComparison.Ordinal);

        var anonymous = consultations.CreateClient();
        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/consultations/public/syndicate/papers/{paper}");
        Assert.Equal("CC-BY-4.0", page.GetProperty("licence").GetString());
        Assert.Equal(checksum, page.GetProperty("pdfSha256").GetString());
        var download = await anonymous.GetAsync(page.GetProperty("pdfLink").GetString());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(checksum, Convert.ToHexStringLower(SHA256.HashData(await download.Content.ReadAsByteArrayAsync())));
        var list = await anonymous.GetFromJsonAsync<JsonElement[]>($"/api/consultations/public/syndicate/papers?consultationId={consultation}");
        Assert.Equal(paper, Assert.Single(list!).GetProperty("id").GetGuid());
        var bib = await anonymous.GetStringAsync(page.GetProperty("bibTexLink").GetString());
        Assert.StartsWith("@techreport{", bib, StringComparison.Ordinal);
        Assert.Contains("institution = {University of Oxford, COMPAS},", bib, StringComparison.Ordinal);
        var ris = await anonymous.GetStringAsync(page.GetProperty("risLink").GetString());
        Assert.StartsWith("TY  - RPRT\r\n", ris, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_is_rendered_to_html_safely()
    {
        var (member, _, paper) = await DraftAsync();

        var mine = await consultations.MemberClient(member).PutAsJsonAsync($"/api/consultations/syndicate/me/papers/{paper}", new { title = "T", @abstract = "A", body = Body, licence = "CC0-1.0" });
        var html = (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bodyHtml").GetString()!;

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<strong>private</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://publications.iom.int/wmr\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_is_a_400_and_one_over_5_MB_is_a_413_and_neither_is_stored()
    {
        var (member, _, paper) = await DraftAsync();
        var client = consultations.MemberClient(member);

        var notPdf = await client.PutAsync($"/api/consultations/syndicate/me/papers/{paper}/pdf", Pdf(Encoding.ASCII.GetBytes("MZ\x90\0 not a pdf at all")));
        Assert.True((await notPdf.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("pdf", out _));
        var tooLarge = await client.PutAsync($"/api/consultations/syndicate/me/papers/{paper}/pdf", Pdf(PdfBytes((5 * 1024 * 1024) + 1)));
        await tooLarge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        using var chunked = new HttpRequestMessage(HttpMethod.Put, $"/api/consultations/syndicate/me/papers/{paper}/pdf") { Content = new StreamContent(new MemoryStream(PdfBytes((5 * 1024 * 1024) + 10))) };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        chunked.Headers.TransferEncodingChunked = true;
        await (await client.SendAsync(chunked)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var json = await client.PutAsJsonAsync($"/api/consultations/syndicate/me/papers/{paper}/pdf", new { });
        Assert.True((await json.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("Content-Type", out _));
        Assert.Null(await consultations.QueryAsync(db => db.ResearchPapers.Where(p => p.Id == paper).Select(p => p.PdfSha256).SingleAsync()));

        var exactly = await client.PutAsync($"/api/consultations/syndicate/me/papers/{paper}/pdf", Pdf(PdfBytes(5 * 1024 * 1024)));
        Assert.Equal(HttpStatusCode.OK, exactly.StatusCode);
    }

    [Fact]
    public async Task A_paper_needs_a_session_of_a_thematic_consultation_a_licence_and_only_its_author_edits_it()
    {
        var member = await consultations.InviteAsync();
        var (consultation, _) = await consultations.ThematicSessionAsync();
        var notThematic = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody(kind: "idm-event"));
        var client = consultations.MemberClient(member);

        var noSession = await client.PostAsJsonAsync("/api/consultations/syndicate/me/papers", new { consultationId = consultation, sessionId = Guid.NewGuid(), title = "T", @abstract = "A", body = "B", licence = "CC-BY-4.0" });
        Assert.True((await noSession.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("sessionId", out _));
        var wrongKind = await client.PostAsJsonAsync("/api/consultations/syndicate/me/papers", new { consultationId = notThematic, sessionId = Guid.NewGuid(), title = "T", @abstract = "A", body = "B", licence = "CC-BY-4.0" });
        Assert.True((await wrongKind.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("consultationId", out _));
        var noLicence = await client.PostAsJsonAsync("/api/consultations/syndicate/me/papers", new { consultationId = consultation, sessionId = Guid.NewGuid(), title = "T", @abstract = "A", body = "B", licence = "GPL" });
        Assert.True((await noLicence.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("licence", out _));
        Assert.False(await consultations.QueryAsync(db => db.ResearchPapers.AnyAsync(p => p.MemberId == member.Id)));

        var (_, _, paper) = await DraftAsync();
        var stranger = await client.PostAsync($"/api/consultations/syndicate/me/papers/{paper}/submission", null);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task An_editor_returns_a_paper_with_a_note_and_the_author_revises_and_submits_again()
    {
        var (member, _, paper) = await DraftAsync();
        var client = consultations.MemberClient(member);
        var editor = consultations.ClientFor(SuiteRoles.SyndicateEditor);
        await client.PostAsync($"/api/consultations/syndicate/me/papers/{paper}/submission", null);

        var noNote = await editor.PostAsJsonAsync($"/api/consultations/syndicate/papers/{paper}/return", new { note = "" });
        Assert.True((await noNote.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/consultations/syndicate/papers/{paper}/return", new { note = "Cite the 2017 figures." })).StatusCode);
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/consultations/syndicate/me");
        Assert.Equal("returned", mine.GetProperty("papers")[0].GetProperty("state").GetString());
        Assert.Equal("Cite the 2017 figures.", mine.GetProperty("papers")[0].GetProperty("editorNote").GetString());

        var revised = await client.PutAsJsonAsync($"/api/consultations/syndicate/me/papers/{paper}", new { title = "Diaspora bonds (revised)", @abstract = "With 2017 figures.", body = "Updated.", licence = "CC-BY-4.0" });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/consultations/syndicate/me/papers/{paper}/submission", null)).StatusCode);
        Assert.Equal(ReviewState.Submitted, await consultations.QueryAsync(db => db.ResearchPapers.Where(p => p.Id == paper).Select(p => p.State).SingleAsync()));
    }
}
