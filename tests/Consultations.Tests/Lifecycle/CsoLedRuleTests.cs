using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Lifecycle;

/// <summary>RCSCs: IOM "neither interfered in the agenda setting nor the selection of participants".</summary>
public sealed class CsoLedRuleTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    private async Task<(Guid Consultation, Guid Convener, Guid Member)> CsoLedAsync()
    {
        var convener = await consultations.AddPartnerAsync();
        var member = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(
            kind: "regional-civil-society-consultation", conveners: [convener], csoLed: true, budget: 10_000m, region: "Africa"));
        return (id, convener, member);
    }

    private static object Session(DateTimeOffset start, Guid[]? speakers = null) =>
        new { title = "Panel on labour migration", format = "panel", startsAt = start.AddHours(2), endsAt = start.AddHours(3), speakerRegistrationIds = speakers ?? [] };

    [Fact]
    public async Task Staff_cannot_change_the_agenda_of_a_cso_led_consultation_but_its_convener_can()
    {
        var (id, convener, _) = await CsoLedAsync();
        var start = await consultations.QueryAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.StartsAt).SingleAsync());

        var byStaff = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{id}/agenda", Session(start));
        var byAdmin = await consultations.ClientFor(SuiteRoles.Admin).PostAsJsonAsync($"/api/consultations/{id}/agenda", Session(start));
        var byConvener = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, convener).PostAsJsonAsync($"/api/consultations/{id}/agenda", Session(start));

        Assert.Contains("CSO-led", (await byStaff.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await byAdmin.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, byConvener.StatusCode);
        Assert.Equal(1, await consultations.QueryAsync(db => db.AgendaSessions.CountAsync(s => s.ConsultationId == id)));
    }

    [Fact]
    public async Task Staff_cannot_decide_on_registrations_of_a_cso_led_consultation_but_its_convener_can()
    {
        var (id, convener, member) = await CsoLedAsync();

        var byStaff = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).RegisterAsync(id, member, ConsultationsApi.Email());
        await byStaff.ProblemAsync(HttpStatusCode.Forbidden);
        var byConvener = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, convener).RegisterAsync(id, member, ConsultationsApi.Email());
        Assert.Equal(HttpStatusCode.Created, byConvener.StatusCode);
        var registration = (await byConvener.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var cancelByStaff = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsync($"/api/consultations/{id}/registrations/{registration}/cancel", null);
        await cancelByStaff.ProblemAsync(HttpStatusCode.Forbidden);
        var otherFocalPoint = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, Guid.NewGuid()).PostAsync($"/api/consultations/{id}/registrations/{registration}/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, otherFocalPoint.StatusCode);
        var cancelByConvener = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, convener).PostAsync($"/api/consultations/{id}/registrations/{registration}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelByConvener.StatusCode);
        Assert.Equal(1, await consultations.QueryAsync(db => db.Registrations.CountAsync(r => r.ConsultationId == id)));
    }

    [Fact]
    public async Task Staff_can_still_see_and_fund_a_cso_led_consultation()
    {
        var (id, convener, member) = await CsoLedAsync();
        var registration = (await consultations.RegisterOkAsync(id, member, ConsultationsApi.Email())).GetProperty("id").GetGuid();

        var seen = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).GetFromJsonAsync<JsonElement>($"/api/consultations/{id}/registrations");
        Assert.Equal(1, seen.GetArrayLength());
        var request = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, member).PostAsJsonAsync($"/api/consultations/{id}/funding-requests", new { registrationId = registration, amount = 1200m });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var funding = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var approved = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsync($"/api/consultations/{id}/funding-requests/{funding}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var convenerApproves = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, convener).PostAsync($"/api/consultations/{id}/funding-requests/{funding}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, convenerApproves.StatusCode);
    }

    [Fact]
    public async Task In_a_consultation_that_is_not_cso_led_organizers_manage_and_focal_points_register_only_their_own()
    {
        var org = await consultations.AddPartnerAsync();
        var other = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody());

        var forOther = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).RegisterAsync(id, other, ConsultationsApi.Email());
        await forOther.ProblemAsync(HttpStatusCode.Forbidden);
        var byOrganizer = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).RegisterAsync(id, other, ConsultationsApi.Email());
        Assert.Equal(HttpStatusCode.Created, byOrganizer.StatusCode);
        var byMediaEditor = await consultations.ClientFor(SuiteRoles.MediaEditor).RegisterAsync(id, other, ConsultationsApi.Email());
        await byMediaEditor.ProblemAsync(HttpStatusCode.Forbidden);
    }
}
