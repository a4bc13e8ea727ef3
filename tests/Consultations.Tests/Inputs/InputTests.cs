using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Inputs;

public sealed class InputTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    private async Task<Guid> SubmitAsync(Guid consultation, Guid org, string region)
    {
        var response = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/consultations/{consultation}/inputs",
            new { organizationId = org, text = $"Input of {org} for {region}", themes = new[] { "migration-governance" }, region });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task An_online_consultation_collects_inputs_and_a_regional_synthesis_links_every_source()
    {
        var a = await consultations.AddPartnerAsync("SN");
        var b = await consultations.AddPartnerAsync("KE");
        var c = await consultations.AddPartnerAsync("DE");
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(kind: "regional-civil-society-consultation", online: true));
        var africa1 = await SubmitAsync(id, a, "Africa");
        var africa2 = await SubmitAsync(id, b, "africa");
        await SubmitAsync(id, c, "Europe");

        var response = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{id}/syntheses", new { region = "Africa", text = "Africa's CSOs ask for..." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var synthesis = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new HashSet<Guid> { africa1, africa2 }, synthesis.GetProperty("sourceSubmissionIds").EnumerateArray().Select(s => s.GetGuid()).ToHashSet());
        var stored = await consultations.QueryAsync(db => db.RegionalSyntheses.SingleAsync(s => s.ConsultationId == id));
        Assert.Equal(new HashSet<Guid> { africa1, africa2 }, stored.SourceSubmissionIds.ToHashSet());
        var second = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{id}/syntheses", new { region = "Africa", text = "Again" });
        await second.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Inputs_are_read_in_full_by_organizers_a_focal_point_reads_its_own_and_other_staff_teams_not_at_all()
    {
        var a = await consultations.AddPartnerAsync("SN");
        var b = await consultations.AddPartnerAsync("KE");
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(kind: "regional-civil-society-consultation", online: true));
        var own = await SubmitAsync(id, a, "Africa");
        await SubmitAsync(id, b, "Africa");

        async Task<List<Guid>> ReadAsync(HttpClient client) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/consultations/{id}/inputs")).EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

        Assert.Equal(2, (await ReadAsync(consultations.ClientFor(SuiteRoles.ConsultationOrganizer))).Count);
        Assert.Equal(2, (await ReadAsync(consultations.ClientFor(SuiteRoles.Admin))).Count);
        Assert.Equal([own], await ReadAsync(consultations.ClientFor(SuiteRoles.CsoFocalPoint, a)));
        foreach (var team in new[] { SuiteRoles.RegistryEditor, SuiteRoles.CampaignModerator, SuiteRoles.MediaEditor, SuiteRoles.Journalist })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await consultations.ClientFor(team).GetAsync($"/api/consultations/{id}/inputs")).StatusCode);
        }
    }

    [Fact]
    public async Task An_organisation_that_does_not_participate_in_an_in_person_consultation_cannot_send_inputs()
    {
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody());

        var response = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/consultations/{id}/inputs",
            new { organizationId = org, text = "Our view", region = "Africa" });

        await response.ProblemAsync(HttpStatusCode.Conflict);
        await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email());
        var after = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/consultations/{id}/inputs",
            new { organizationId = org, text = "Our view", region = "Atlantis" });
        Assert.True((await after.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("region", out _));
        Assert.Equal(0, await consultations.QueryAsync(db => db.Submissions.CountAsync(s => s.ConsultationId == id)));
    }
}
