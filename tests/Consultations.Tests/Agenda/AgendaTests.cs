using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Agenda;

public sealed class AgendaTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task A_panel_seats_registered_participants_as_speakers_and_refuses_waitlisted_ones()
    {
        var org = await consultations.AddPartnerAsync();
        var start = DateTimeOffset.UtcNow.AddDays(40);
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(kind: "idm-event", capacity: 1, perOrganization: 2, startsAt: start));
        var seated = (await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email())).GetProperty("id").GetGuid();
        var waiting = (await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email())).GetProperty("id").GetGuid();
        var organizer = consultations.ClientFor(SuiteRoles.ConsultationOrganizer);

        var refused = await organizer.PostAsJsonAsync($"/api/consultations/{id}/agenda", new { title = "Partnerships", format = "panel", startsAt = start.AddHours(1), endsAt = start.AddHours(2), speakerRegistrationIds = new[] { waiting } });
        Assert.True((await refused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("speakerRegistrationIds", out _));
        var outside = await organizer.PostAsJsonAsync($"/api/consultations/{id}/agenda", new { title = "Late", format = "session", startsAt = start.AddDays(5), endsAt = start.AddDays(5).AddHours(1) });
        await outside.ProblemAsync(HttpStatusCode.BadRequest);

        var created = await organizer.PostAsJsonAsync($"/api/consultations/{id}/agenda", new { title = "Partnerships", format = "panel", startsAt = start.AddHours(1), endsAt = start.AddHours(2), speakerRegistrationIds = new[] { seated } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var agenda = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).GetFromJsonAsync<JsonElement>($"/api/consultations/{id}/agenda");
        var session = Assert.Single(agenda.EnumerateArray());
        Assert.Equal(seated, Assert.Single(session.GetProperty("speakers").EnumerateArray()).GetProperty("registrationId").GetGuid());
        Assert.True(await consultations.QueryAsync(db => db.Registrations.Where(r => r.Id == seated).Select(r => r.Panelist).SingleAsync()));
        Assert.False(await consultations.QueryAsync(db => db.Registrations.Where(r => r.Id == waiting).Select(r => r.Panelist).SingleAsync()));
    }
}
