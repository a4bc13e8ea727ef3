using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Contracts.Registry;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Registrations;

/// <summary>Who may register is decided by the Registry's events, received on the real broker.</summary>
public sealed class EligibilityFromRegistryEventsTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    private static PartnerRegistered Registered(Guid id) =>
        new(id, $"Network {id:N}", null, "ngo", "regional", "SN", ["SN", "ML"], ["migration-governance"], DateTimeOffset.UtcNow);

    private Task<PartnerStatus?> StatusAsync(Guid id) =>
        consultations.QueryAsync(db => db.Partners.Where(p => p.Id == id).Select(p => (PartnerStatus?)p.Status).SingleOrDefaultAsync());

    [Fact]
    public async Task A_suspension_that_arrives_after_the_later_reinstatement_changes_nothing()
    {
        await using var bus = await TestBus.StartAsync(consultations.Servers.RabbitMq);
        var partner = Guid.NewGuid();
        var registeredAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        await bus.PublishAsync(Registered(partner) with { RegisteredAt = registeredAt });
        await Eventually.TrueAsync(async () => await StatusAsync(partner) == PartnerStatus.Active);
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(capacity: 5, perOrganization: 2));
        var seated = await consultations.RegisterOkAsync(id, partner, ConsultationsApi.Email());

        // Registry suspended the partner at t1 and reinstated it at t2; the reinstatement is consumed first.
        var suspendedAt = registeredAt.AddMinutes(5);
        await bus.PublishAsync(new PartnerReinstated(partner, "ngo", suspendedAt.AddMinutes(1)));
        await Eventually.TrueAsync(() => consultations.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == partner && p.StatusChangedAt > suspendedAt)));
        var late = await bus.PublishAsync(new PartnerSuspended(partner, "ngo", "Agreement breach under review", suspendedAt));
        await Eventually.TrueAsync(() => consultations.QueryAsync(db => db.Set<Iom.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == late)),
            what: "the late suspension consumed");

        Assert.Equal(PartnerStatus.Active, await StatusAsync(partner));
        var status = await consultations.QueryAsync(db => db.Registrations.Where(r => r.Id == seated.GetProperty("id").GetGuid()).Select(r => r.Status).SingleAsync());
        Assert.Equal(RegistrationStatus.Registered, status);
    }

    [Fact]
    public async Task Registered_can_register_suspended_loses_pending_registrations_reinstated_can_register_again()
    {
        await using var bus = await TestBus.StartAsync(consultations.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(consultations.Servers.RabbitMq, typeof(RegistrationCancelled), typeof(ParticipantPromoted));
        var partner = Guid.NewGuid();
        var other = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(capacity: 1, perOrganization: 2));
        var focalPoint = consultations.ClientFor(SuiteRoles.CsoFocalPoint, partner);

        // Unknown to the read model: refused, naming the field.
        var unknown = await focalPoint.RegisterAsync(id, partner, ConsultationsApi.Email());
        Assert.True((await unknown.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("organizationId", out _));

        // PartnerRegistered → may register (the seat, then the waitlist).
        await bus.PublishAsync(Registered(partner));
        await Eventually.TrueAsync(async () => await StatusAsync(partner) == PartnerStatus.Active);
        var seated = await consultations.RegisterOkAsync(id, partner, ConsultationsApi.Email());
        var waiting = await consultations.RegisterOkAsync(id, partner, ConsultationsApi.Email());
        var otherWaiting = await consultations.RegisterOkAsync(id, other, ConsultationsApi.Email());
        Assert.Equal("registered", seated.GetProperty("status").GetString());
        Assert.Equal("waitlisted", waiting.GetProperty("status").GetString());

        // PartnerSuspended → both pending registrations cancelled (events), the seat goes to the other organisation.
        await bus.PublishAsync(new PartnerSuspended(partner, "ngo", "Agreement breach under review", DateTimeOffset.UtcNow));
        foreach (var registration in new[] { seated, waiting })
        {
            var cancelled = await probe.WaitForAsync<RegistrationCancelled>(m => m.GetProperty("registrationId").GetString() == registration.GetProperty("id").GetString());
            Assert.Equal("partner-suspended", cancelled.Message.GetProperty("reason").GetString());
            Assert.DoesNotContain("@", cancelled.RawBody, StringComparison.Ordinal);
        }

        await probe.WaitForAsync<ParticipantPromoted>(m => m.GetProperty("registrationId").GetString() == otherWaiting.GetProperty("id").GetString());
        Assert.Equal(PartnerStatus.Suspended, await StatusAsync(partner));
        var statuses = await consultations.QueryAsync(db => db.Registrations.Where(r => r.ConsultationId == id).OrderBy(r => r.Sequence).Select(r => r.Status).ToListAsync());
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Cancelled, RegistrationStatus.Registered], statuses);

        var whileSuspended = await focalPoint.RegisterAsync(id, partner, ConsultationsApi.Email());
        Assert.Contains("suspended", (await whileSuspended.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // PartnerReinstated → may register again.
        await bus.PublishAsync(new PartnerReinstated(partner, "ngo", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => await StatusAsync(partner) == PartnerStatus.Active);
        var again = await consultations.RegisterOkAsync(id, partner, ConsultationsApi.Email());
        Assert.Equal("waitlisted", again.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_archived_partner_may_not_register()
    {
        await using var bus = await TestBus.StartAsync(consultations.Servers.RabbitMq);
        var partner = Guid.NewGuid();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody());
        await bus.PublishAsync(Registered(partner));
        await bus.PublishAsync(new PartnerArchived(partner, "ngo", "Dissolved", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => await StatusAsync(partner) == PartnerStatus.Archived);

        var response = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, partner).RegisterAsync(id, partner, ConsultationsApi.Email());

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PartnerUpdated_replaces_the_profile_in_the_read_model()
    {
        await using var bus = await TestBus.StartAsync(consultations.Servers.RabbitMq);
        var partner = Guid.NewGuid();
        await bus.PublishAsync(Registered(partner));
        await Eventually.TrueAsync(async () => await StatusAsync(partner) == PartnerStatus.Active);

        await bus.PublishAsync(new PartnerUpdated(partner, "Renamed network", "RN", "ngo", "regional", "GH", ["GH"], [], ["name"], DateTimeOffset.UtcNow));

        await Eventually.TrueAsync(() => consultations.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == partner && p.Name == "Renamed network" && p.Country == "GH")));
    }

    [Fact]
    public async Task Observers_are_invited_to_upcoming_idm_events_and_migration_governance_consultations_only()
    {
        await using var bus = await TestBus.StartAsync(consultations.Servers.RabbitMq);
        var idm = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody(kind: "idm-event"));
        var governance = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody(kind: "migration-governance-consultation"));
        var humanitarian = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody(kind: "humanitarian-consultation"));
        var partner = Guid.NewGuid();
        await bus.PublishAsync(Registered(partner));

        await bus.PublishAsync(new ObserverStatusGranted(partner, "MC/2468", new DateOnly(2026, 11, 27)));

        await Eventually.TrueAsync(() => consultations.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == partner && p.IsObserver)));
        var invited = await consultations.QueryAsync(db => db.Invitations.Where(i => i.OrganizationId == partner).Select(i => i.ConsultationId).ToListAsync());
        Assert.Contains(idm, invited);
        Assert.Contains(governance, invited);
        Assert.DoesNotContain(humanitarian, invited);

        // A later IDM event invites the observer as it is scheduled.
        var later = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody(kind: "idm-event"));
        var list = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).GetFromJsonAsync<JsonElement>($"/api/consultations/{later}/invitations");
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("organizationId").GetGuid() == partner && i.GetProperty("reason").GetString() == "observer");

        await bus.PublishAsync(new ObserverStatusWithdrawn(partner, "Request of the organisation", new DateOnly(2026, 11, 28)));
        await Eventually.TrueAsync(() => consultations.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == partner && !p.IsObserver)));
    }
}
