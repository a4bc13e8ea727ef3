using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Registrations;

public sealed class RegistrationTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task Ten_simultaneous_registrations_on_capacity_three_seat_exactly_three_and_promote_the_waitlist_in_order()
    {
        await using var probe = await BusProbe.StartAsync(consultations.Servers.RabbitMq, typeof(ParticipantRegistered), typeof(ParticipantWaitlisted), typeof(ParticipantPromoted));
        var organizations = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            organizations.Add(await consultations.AddPartnerAsync());
        }

        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(capacity: 3, perOrganization: 1));
        var clients = organizations.Select(o => (Org: o, Client: consultations.ClientFor(SuiteRoles.CsoFocalPoint, o))).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.Client.RegisterAsync(id, c.Org, ConsultationsApi.Email())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(3, bodies.Count(b => b.GetProperty("status").GetString() == "registered"));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], bodies.Where(b => b.GetProperty("status").GetString() == "waitlisted").Select(b => b.GetProperty("waitlistPosition").GetInt32()).Order());
        var stored = await consultations.QueryAsync(db => db.Registrations.AsNoTracking().Where(r => r.ConsultationId == id).OrderBy(r => r.Sequence).ToListAsync());
        Assert.Equal(3, stored.Count(r => r.Status == RegistrationStatus.Registered));
        Assert.Equal(7, stored.Count(r => r.Status == RegistrationStatus.Waitlisted));
        // Arrival order: the first three to arrive hold the seats.
        Assert.All(stored.Take(3), r => Assert.Equal(RegistrationStatus.Registered, r.Status));
        var waitlist = stored.Where(r => r.Status == RegistrationStatus.Waitlisted).ToList();

        // Two seated delegates withdraw: the first two on the waitlist are promoted, in order.
        var seated = stored.Where(r => r.Status == RegistrationStatus.Registered).ToList();
        foreach (var (registration, expected) in seated.Take(2).Zip(waitlist.Take(2)))
        {
            var cancel = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, registration.OrganizationId).PostAsync($"/api/consultations/{id}/registrations/{registration.Id}/cancel", null);
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            await probe.WaitForAsync<ParticipantPromoted>(m => m.GetProperty("registrationId").GetGuid() == expected.Id);
        }

        var after = await consultations.QueryAsync(db => db.Registrations.AsNoTracking().Where(r => r.ConsultationId == id).ToDictionaryAsync(r => r.Id));
        Assert.Equal(3, after.Values.Count(r => r.Status == RegistrationStatus.Registered));
        Assert.Equal(RegistrationStatus.Registered, after[waitlist[0].Id].Status);
        Assert.Equal(RegistrationStatus.Registered, after[waitlist[1].Id].Status);
        Assert.All(waitlist.Skip(2), r => Assert.Equal(RegistrationStatus.Waitlisted, after[r.Id].Status));
        Assert.Equal(3, probe.OfType<ParticipantRegistered>().Count(m => m.Message.GetProperty("consultationId").GetGuid() == id));
        await Eventually.TrueAsync(() => Task.FromResult(probe.OfType<ParticipantWaitlisted>().Count(m => m.Message.GetProperty("consultationId").GetGuid() == id) == 7));
        Assert.All(probe.Messages, m => Assert.DoesNotContain("@example.org", m.RawBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_person_twice_is_a_409_even_when_both_arrive_at_once()
    {
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody());
        var client = consultations.ClientFor(SuiteRoles.CsoFocalPoint, org);
        var email = ConsultationsApi.Email();

        var responses = await Task.WhenAll(client.RegisterAsync(id, org, email), client.RegisterAsync(id, org, email.ToUpperInvariant()));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("already registered", (await conflict.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await consultations.QueryAsync(db => db.Registrations.CountAsync(r => r.ConsultationId == id)));
    }

    [Fact]
    public async Task Over_the_per_organisation_limit_is_a_409()
    {
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(perOrganization: 2));
        await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email());
        await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email());

        var outbox = await consultations.QueryAsync(db => db.Set<Iom.Messaging.Outbox.OutboxMessage>().CountAsync());

        var third = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).RegisterAsync(id, org, ConsultationsApi.Email());

        Assert.Contains("at most 2", (await third.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await consultations.QueryAsync(db => db.Registrations.CountAsync(r => r.ConsultationId == id)));
        Assert.Equal(outbox, await consultations.QueryAsync(db => db.Set<Iom.Messaging.Outbox.OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task Registering_after_the_deadline_is_a_409()
    {
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(startsAt: DateTimeOffset.UtcNow.AddDays(3), deadline: DateTimeOffset.UtcNow.AddMinutes(-1)));

        var response = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).RegisterAsync(id, org, ConsultationsApi.Email());

        Assert.Contains("deadline", (await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await consultations.QueryAsync(db => db.Registrations.CountAsync(r => r.ConsultationId == id)));
    }

    [Fact]
    public async Task Registering_while_draft_is_a_409_and_bad_fields_are_a_400()
    {
        var org = await consultations.AddPartnerAsync();
        var draft = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody());
        var client = consultations.ClientFor(SuiteRoles.CsoFocalPoint, org);

        await (await client.RegisterAsync(draft, org, ConsultationsApi.Email())).ProblemAsync(HttpStatusCode.Conflict);
        var bad = await client.PostAsJsonAsync($"/api/consultations/{draft}/registrations", new { organizationId = org, delegateName = "", delegateEmail = "not-an-email" });
        var errors = (await bad.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("delegateName", out _));
        Assert.True(errors.TryGetProperty("delegateEmail", out _));
    }

    [Fact]
    public async Task Check_in_records_attendance_of_seated_delegates_only()
    {
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(capacity: 1, perOrganization: 2));
        var seated = (await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email())).GetProperty("id").GetGuid();
        var waiting = (await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email())).GetProperty("id").GetGuid();
        var organizer = consultations.ClientFor(SuiteRoles.ConsultationOrganizer);
        var tooEarly = await organizer.PostAsync($"/api/consultations/{id}/registrations/{seated}/check-in", null);
        Assert.Contains("on the day", (await tooEarly.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), StringComparison.Ordinal);
        var start = await consultations.QueryAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.StartsAt).SingleAsync());

        HttpResponseMessage ok, refused;
        using (consultations.Clock.TravelTo(start.AddHours(-1)))
        {
            ok = await organizer.PostAsync($"/api/consultations/{id}/registrations/{seated}/check-in", null);
            refused = await organizer.PostAsync($"/api/consultations/{id}/registrations/{waiting}/check-in", null);
        }

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.NotNull(await consultations.QueryAsync(db => db.Registrations.Where(r => r.Id == seated).Select(r => r.CheckedInAt).SingleAsync()));
        Assert.Null(await consultations.QueryAsync(db => db.Registrations.Where(r => r.Id == waiting).Select(r => r.CheckedInAt).SingleAsync()));
    }

    [Fact]
    public async Task A_focal_point_lists_only_its_own_delegates_and_organizers_list_all()
    {
        var mine = await consultations.AddPartnerAsync();
        var theirs = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody());
        await consultations.RegisterOkAsync(id, mine, ConsultationsApi.Email());
        await consultations.RegisterOkAsync(id, theirs, ConsultationsApi.Email());

        var list = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, mine).GetFromJsonAsync<JsonElement>($"/api/consultations/{id}/registrations");

        Assert.Equal(mine, Assert.Single(list.EnumerateArray()).GetProperty("organizationId").GetGuid());
        var byOrganizer = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).GetFromJsonAsync<JsonElement>($"/api/consultations/{id}/registrations");
        Assert.Equal(2, byOrganizer.GetArrayLength());
        // Delegates' names and e-mails are for the consultation's organizers, not every internal team.
        var byMediaEditor = await consultations.ClientFor(SuiteRoles.MediaEditor).GetFromJsonAsync<JsonElement>($"/api/consultations/{id}/registrations");
        Assert.Equal(0, byMediaEditor.GetArrayLength());
    }
}
