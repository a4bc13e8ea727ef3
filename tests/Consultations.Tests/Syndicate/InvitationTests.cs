using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Syndicate;

public sealed class InvitationTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task An_editor_invites_a_researcher_of_a_registry_institution_and_the_token_is_shown_once_stored_as_a_hash()
    {
        var institution = await consultations.AddInstitutionAsync();

        var member = await consultations.InviteAsync(institution);

        var me = await consultations.MemberClient(member).GetFromJsonAsync<JsonElement>("/api/consultations/syndicate/me");
        Assert.Equal("Marie McAuliffe", me.GetProperty("name").GetString());
        var stored = await consultations.QueryAsync(db => db.SyndicateMembers.SingleAsync(m => m.Id == member.Id));
        Assert.Equal(institution, stored.InstitutionId);
        var secret = member.Token[(member.Token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), stored.TokenHash);
    }

    [Fact]
    public async Task A_wrong_or_revoked_token_is_refused_with_401()
    {
        var member = await consultations.InviteAsync();
        var forged = member with { Token = member.Token[..^4] + "AAAA" };

        var wrong = await consultations.MemberClient(forged).GetAsync("/api/consultations/syndicate/me");
        await wrong.ProblemAsync(HttpStatusCode.Unauthorized);
        var none = await consultations.CreateClient().GetAsync("/api/consultations/syndicate/me");
        await none.ProblemAsync(HttpStatusCode.Unauthorized);

        var revoke = await consultations.ClientFor(SuiteRoles.SyndicateEditor).DeleteAsync($"/api/consultations/syndicate/members/{member.Id}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var revoked = await consultations.MemberClient(member).GetAsync("/api/consultations/syndicate/me");
        await revoked.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_institution_must_be_an_academic_institution_in_the_registry_and_only_editors_invite()
    {
        var ngo = await consultations.AddInstitutionAsync("Migrant Voices Network", "ngo");
        var editor = consultations.ClientFor(SuiteRoles.SyndicateEditor);

        var notAcademic = await editor.PostAsJsonAsync("/api/consultations/syndicate/members", new { name = "R", email = "r@example.org", institutionId = ngo });
        Assert.True((await notAcademic.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("institutionId", out _));
        var bad = await editor.PostAsJsonAsync("/api/consultations/syndicate/members", new { name = "", email = "not an address" });
        var errors = (await bad.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("email", out _));
        var organizer = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync("/api/consultations/syndicate/members", new { name = "R", email = "r2@example.org" });
        Assert.Equal(HttpStatusCode.Forbidden, organizer.StatusCode);
        Assert.False(await consultations.QueryAsync(db => db.SyndicateMembers.AnyAsync(m => m.Email == "r@example.org" || m.Email == "r2@example.org")));

        var first = await editor.PostAsJsonAsync("/api/consultations/syndicate/members", new { name = "R", email = "same@example.org" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var duplicate = await editor.PostAsJsonAsync("/api/consultations/syndicate/members", new { name = "R", email = "SAME@example.org" });
        await duplicate.ProblemAsync(HttpStatusCode.Conflict);
    }
}
