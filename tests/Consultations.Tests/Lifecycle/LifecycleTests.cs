using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Consultations;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Lifecycle;

public sealed class LifecycleTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task A_consultation_goes_from_draft_to_outcome_published_and_publishes_each_step_on_the_bus()
    {
        await using var probe = await BusProbe.StartAsync(consultations.Servers.RabbitMq,
            typeof(ConsultationScheduled), typeof(RegistrationOpened), typeof(ConsultationHeld), typeof(ConsultationOutcomePublished));
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody(kind: "migration-governance-consultation", capacity: 80, region: "Europe"));
        var key = id.ToString();

        await consultations.TransitionAsync(id, "open-registration", HttpStatusCode.OK);
        var attends = (await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email())).GetProperty("id").GetGuid();
        await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email());
        await consultations.TransitionAsync(id, "close-registration", HttpStatusCode.OK);
        var start = await consultations.QueryAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.StartsAt).SingleAsync());
        using (consultations.Clock.TravelTo(start.AddHours(1)))
        {
            Assert.Equal(HttpStatusCode.OK, (await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsync($"/api/consultations/{id}/registrations/{attends}/check-in", null)).StatusCode);
            await consultations.TransitionAsync(id, "hold", HttpStatusCode.OK);
        }

        var published = await consultations.TransitionAsync(id, "outcome", HttpStatusCode.OK, new { summary = "CSOs asked for more space.", recommendations = new[] { "Fund regional networks", "Open the IDM" } });
        Assert.Equal("outcome-published", (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var scheduled = await probe.WaitForAsync<ConsultationScheduled>(m => m.GetProperty("consultationId").GetString() == key);
        Assert.Equal("migration-governance-consultation", scheduled.Message.GetProperty("kind").GetString());
        Assert.Equal("Europe", scheduled.Message.GetProperty("region").GetString());
        Assert.Equal(80, (await probe.WaitForAsync<RegistrationOpened>(m => m.GetProperty("consultationId").GetString() == key)).Message.GetProperty("capacity").GetInt32());
        var held = await probe.WaitForAsync<ConsultationHeld>(m => m.GetProperty("consultationId").GetString() == key);
        Assert.Equal(1, held.Message.GetProperty("participants").GetInt32()); // counted from check-ins: one of two delegates came
        Assert.Equal(0, held.Message.GetProperty("speakers").GetInt32());
        var outcome = await probe.WaitForAsync<ConsultationOutcomePublished>(m => m.GetProperty("consultationId").GetString() == key);
        Assert.Equal(2, outcome.Message.GetProperty("recommendations").GetArrayLength());
        Assert.Equal(Iom.Consultations.Domain.ConsultationStatus.OutcomePublished, await consultations.QueryAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_outcome_is_published_once_a_second_publish_is_a_409()
    {
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody());
        await consultations.TransitionAsync(id, "close-registration", HttpStatusCode.OK);
        await consultations.TransitionAsync(id, "hold", HttpStatusCode.OK);
        await consultations.TransitionAsync(id, "outcome", HttpStatusCode.OK, new { summary = "First", recommendations = Array.Empty<string>() });

        var second = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{id}/outcome", new { summary = "Second" });

        var problem = await second.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("published once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("First", await consultations.QueryAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.OutcomeSummary).SingleAsync()));
    }

    [Theory]
    [InlineData("close-registration")]
    [InlineData("hold")]
    [InlineData("outcome")]
    public async Task Skipping_a_step_from_draft_is_a_409(string action)
    {
        var id = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody());

        var response = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{id}/{action}", new { summary = "s" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("'draft'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Iom.Consultations.Domain.ConsultationStatus.Draft, await consultations.QueryAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Cancelling_before_it_is_held_cancels_its_registrations_and_a_held_one_cannot_be_cancelled()
    {
        await using var probe = await BusProbe.StartAsync(consultations.Servers.RabbitMq, typeof(ConsultationCancelled), typeof(RegistrationCancelled));
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody());
        var registration = (await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email())).GetProperty("id").GetString();

        await consultations.TransitionAsync(id, "cancel", HttpStatusCode.OK, new { reason = "Venue unavailable" });

        await probe.WaitForAsync<ConsultationCancelled>(m => m.GetProperty("consultationId").GetString() == id.ToString() && m.GetProperty("reason").GetString() == "Venue unavailable");
        await probe.WaitForAsync<RegistrationCancelled>(m => m.GetProperty("registrationId").GetString() == registration);
        var again = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{id}/open-registration", new { });
        await again.ProblemAsync(HttpStatusCode.Conflict);
        var late = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).RegisterAsync(id, org, ConsultationsApi.Email());
        Assert.Contains("cancelled", (await late.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), StringComparison.Ordinal);

        var held = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody());
        await consultations.TransitionAsync(held, "close-registration", HttpStatusCode.OK);
        await consultations.TransitionAsync(held, "hold", HttpStatusCode.OK);
        await consultations.TransitionAsync(held, "cancel", HttpStatusCode.Conflict, new { reason = "Too late" });
    }

    [Fact]
    public async Task Scheduling_with_bad_fields_is_a_400_naming_each_field_and_stores_nothing()
    {
        var before = await consultations.QueryAsync(db => db.Consultations.CountAsync());
        var response = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync("/api/consultations", new
        {
            kind = "garden-party",
            title = "",
            themes = new[] { "gardening" },
            region = "Atlantis",
            online = false,
            country = "XX",
            startsAt = DateTimeOffset.UtcNow.AddDays(10),
            endsAt = DateTimeOffset.UtcNow.AddDays(9),
            capacity = 0,
            convenerOrganizationIds = new[] { Guid.NewGuid() },
            registrationDeadline = DateTimeOffset.UtcNow.AddDays(20),
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "kind", "title", "themes", "region", "city", "country", "endsAt", "capacity", "registrationDeadline" }, fields);
        Assert.Equal(before, await consultations.QueryAsync(db => db.Consultations.CountAsync()));
    }

    [Fact]
    public async Task Scheduling_needs_a_consultation_organizer()
    {
        var response = await consultations.ClientFor(SuiteRoles.MediaEditor).PostAsJsonAsync("/api/consultations", ConsultationsApi.ConsultationBody());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
