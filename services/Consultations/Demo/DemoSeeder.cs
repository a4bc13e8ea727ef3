using System.Security.Claims;
using Iom.Consultations.Agenda;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Consultations.Inputs;
using Iom.Consultations.Registrations;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Data;
using Iom.ServiceDefaults.Demo;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Consultations.Demo;

/// <summary>
/// Demo data from the seed report: the two yearly consultations, an IDM event, the seven RCSCs, a MICIC consultation,
/// GRCP 7 and the Global Consultation on Migrant Health (Colombo, 21-23 February 2017), with registrations.
/// Partners come from the Registry's events, so the seeder first waits (bounded) for the read model to fill and settle;
/// then everything goes through the use cases — past consultations with a clock set to their time — so events go
/// through the outbox like any write. Seeds only when there are no consultations.
/// </summary>
internal sealed partial class DemoSeeder(IServiceScopeFactory scopes, IOutputCacheStore cache, IOptions<ConsultationsDemoSettings> settings, TimeProvider clock, ILogger<DemoSeeder> logger, DatabaseLock databaseLock)
    : DemoDataSeeder(clock, logger, databaseLock)
{
    private static readonly ClaimsPrincipal Organizer = Principal(SuiteRoles.ConsultationOrganizer, null);

    protected override async Task SeedAsync(CancellationToken stoppingToken)
    {
        if (await RunAsync(db => db.Consultations.AnyAsync(stoppingToken)))
        {
            return;
        }

        var partners = await WaitForPartnersAsync(stoppingToken);
        LogSeeding(Logger, partners.Count);
        var seeded = await SeedAsync(partners, stoppingToken);
        LogSeeded(Logger, seeded);
    }

    /// <summary>Waits until the partner read model is non-empty and unchanged for a few seconds, or the wait is over.</summary>
    private async Task<List<Partner>> WaitForPartnersAsync(CancellationToken cancellationToken)
    {
        var wait = settings.Value.PartnerWait;
        var deadline = Clock.GetUtcNow() + wait;
        var last = -1;
        while (true)
        {
            var count = await RunAsync(db => db.Partners.CountAsync(p => p.Status == PartnerStatus.Active, cancellationToken));
            if ((count > 0 && count == last) || Clock.GetUtcNow() > deadline)
            {
                return await RunAsync(db => db.Partners.AsNoTracking().Where(p => p.Status == PartnerStatus.Active).OrderBy(p => p.Name).ToListAsync(cancellationToken));
            }

            last = count;
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }
    }

    private async Task<int> SeedAsync(List<Partner> partners, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var seeded = 0;

        // Past consultations, held with attendance and outcomes.
        var governance2016 = new DateTimeOffset(2016, 11, 4, 9, 0, 0, TimeSpan.Zero);
        await PastAsync(Request(ConsultationKinds.MigrationGovernanceConsultation, "IOM consultation with civil society on migration governance 2016: Post-19 September 2016 Summit for Refugees and Migrants",
            [Themes.MigrationGovernance, Themes.Advocacy], null, "Geneva", "CH", governance2016, governance2016.AddHours(8), capacity: 120), partners, 6, ct,
            "Civil society welcomed the New York Declaration and asked to be part of both global compacts.", ["Involve CSOs in the GCM consultations", "Support regional civil society networks"]);
        var health2017 = new DateTimeOffset(2017, 2, 21, 8, 0, 0, TimeSpan.Zero);
        await PastAsync(Request(ConsultationKinds.ThematicConsultation, "2nd Global Consultation on Migrant Health (IOM, WHO and the Government of Sri Lanka)",
            [Themes.MigrationHealth], null, "Colombo", "LK", health2017, health2017.AddDays(2).AddHours(9), capacity: 200), partners, 4, ct,
            "The Colombo Statement calls for migrant-inclusive health systems.", ["Mainstream migration health within the GCM", "Cross-sectoral policy dialogue with civil society"]);
        var grcp = new DateTimeOffset(2017, 10, 10, 9, 0, 0, TimeSpan.Zero);
        await PastAsync(Request(ConsultationKinds.GrcpMeeting, "GRCP 7: Global Meeting of Chairs and Secretariats of Regional Consultative Processes on Migration",
            [Themes.MigrationGovernance], null, "Geneva", "CH", grcp, grcp.AddDays(1).AddHours(8), capacity: 80), partners, 3, ct,
            "For the first time, CSO representatives took part in a panel on partnerships.", ["Include civil society in GCM follow-up and review"]);
        seeded += 3;

        // The seven Regional Civil Society Consultations on the GCM: CSO-led by regional networks, funded by IOM.
        (string Title, string Region, string City, string Country, int Month)[] rcscs =
        [
            ("Africa", "Africa", "Nairobi", "KE", 6),
            ("the Americas", "Americas", "Mexico City", "MX", 7),
            ("Asia and the Pacific", "Asia", "Bangkok", "TH", 7),
            ("Europe", "Europe", "Brussels", "BE", 8),
            ("the Middle East and North Africa", "Western Asia", "Beirut", "LB", 8),
            ("Central Asia", "Central Asia", "Almaty", "KZ", 9),
            ("the Caribbean", "Latin America and the Caribbean", "Port of Spain", "TT", 9),
        ];
        foreach (var (title, region, city, country, month) in rcscs)
        {
            var start = new DateTimeOffset(2017, month, 12, 8, 0, 0, TimeSpan.Zero);
            var local = partners.Where(p => Countries.RegionOf(p.Country) == Countries.RegionOf(country)).ToList();
            var pool = local.Count > 0 ? local : partners;
            var convener = pool.FirstOrDefault();
            var request = Request(ConsultationKinds.RegionalCivilSocietyConsultation, $"Regional Civil Society Consultation on the GCM: {title}",
                [Themes.MigrationGovernance, Themes.Advocacy], region, city, country, start, start.AddDays(1).AddHours(9), capacity: 60,
                conveners: convener is null ? [] : [convener.Id], budget: 25_000m);
            await PastAsync(request, pool, 3, ct, $"Consolidated civil society inputs from {title} for the GCM consultation phase.", ["Protect the rights of all migrants", "Recognise the role of diaspora and grassroots organisations"], synthesisRegion: region);
            seeded++;
        }

        // A GCM informal thematic session with its iDiaspora forum and the Research Syndicate's reads and paper.
        await SeedForumAndSyndicateAsync(partners, ct);
        seeded++;

        // Upcoming: the two yearly consultations, an IDM event and a MICIC consultation, open for registration.
        var year = now.Year + 1;
        await UpcomingAsync(Request(ConsultationKinds.HumanitarianConsultation, $"IOM-NGO Humanitarian Consultations {year}",
            [Themes.HumanitarianResponse, Themes.CounterTraffickingAndProtection], null, "Geneva", "CH", At(year, 6, 16), At(year, 6, 17), capacity: 150, budget: 40_000m), partners, ct);
        await UpcomingAsync(Request(ConsultationKinds.MigrationGovernanceConsultation, $"IOM consultation with civil society on migration governance {year}",
            [Themes.MigrationGovernance], null, "Geneva", "CH", At(year, 11, 4), At(year, 11, 4).AddHours(8), capacity: 120, budget: 30_000m), partners, ct);
        var idm = now.AddMonths(3);
        await UpcomingAsync(Request(ConsultationKinds.IdmEvent, "International Dialogue on Migration: inclusive and innovative partnerships",
            [Themes.MigrationGovernance, Themes.Diaspora], null, "New York", "US", new DateTimeOffset(idm.Year, idm.Month, 10, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(idm.Year, idm.Month, 11, 22, 0, 0, TimeSpan.Zero), capacity: 100), partners, ct);
        var micic = now.AddMonths(2);
        await UpcomingAsync(Request(ConsultationKinds.MicicConsultation, "MICIC consultation with international NGOs and other CSOs",
            [Themes.HumanitarianResponse, Themes.CounterTraffickingAndProtection], null, "Geneva", "CH", new DateTimeOffset(micic.Year, micic.Month, 20, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(micic.Year, micic.Month, 20, 17, 0, 0, TimeSpan.Zero), capacity: 60, budget: 15_000m), partners, ct);
        return seeded + 4;
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 8, 0, 0, TimeSpan.Zero);

    private static ScheduleConsultation.Request Request(
        string kind, string title, IReadOnlyList<string> themes, string? region, string city, string country, DateTimeOffset start, DateTimeOffset end,
        int capacity, IReadOnlyList<Guid>? conveners = null, decimal budget = 0m) =>
        new(kind, title, themes, region, city, country, false, start, end, conveners is null || conveners.Count == 0, conveners ?? [],
            conveners is { Count: > 0 }, capacity, 3, start.AddDays(-10), budget);

    /// <summary>A consultation that took place: scheduled and opened before, delegates registered, checked in, held, outcome published.</summary>
    private async Task PastAsync(ScheduleConsultation.Request request, List<Partner> pool, int organizations, CancellationToken ct,
        string summary, IReadOnlyList<string> recommendations, string? synthesisRegion = null)
    {
        var start = request.StartsAt!.Value;
        var before = new FixedClock(start.AddDays(-40));
        var onTheDay = new FixedClock(start);
        var after = new FixedClock(request.EndsAt!.Value.AddDays(14));
        var id = await ScheduleAndOpenAsync(request, before, ct);
        var manager = request.CsoLed == true ? Principal(SuiteRoles.CsoFocalPoint, request.ConvenerOrganizationIds![0]) : Organizer;
        var registrations = await RegisterDelegatesAsync(id, pool.Take(organizations).ToList(), 2, manager, before, ct);
        if (synthesisRegion is not null)
        {
            foreach (var organization in registrations.Select(r => r.OrganizationId).Distinct())
            {
                Expect(await RunAsync(db => SubmitInput.HandleAsync(id, new SubmitInput.Request(organization, "Our priorities for the Global Compact: safe pathways, access to services, an end to immigration detention of children.", [Themes.MigrationGovernance], synthesisRegion), Principal(SuiteRoles.CsoFocalPoint, organization), db, before, ct)), "input");
            }
        }

        Expect(await RunAsync(db => CloseRegistration.HandleAsync(id, db, onTheDay, cache, ct)), "close");
        foreach (var registration in registrations.Where(r => r.Status == "registered"))
        {
            Expect(await RunAsync(db => CheckInParticipant.HandleAsync(id, registration.Id, manager, db, onTheDay, ct)), "check-in");
        }

        var speakers = registrations.Where(r => r.Status == "registered").Take(2).Select(r => r.Id).ToList();
        if (speakers.Count > 0)
        {
            Expect(await RunAsync(db => AddSession.HandleAsync(id, new AddSession.Request("Panel: partnerships with civil society", "panel", start.AddHours(1), start.AddHours(2), speakers), manager, db, ct)), "panel");
        }

        Expect(await RunAsync(db => HoldConsultation.HandleAsync(id, db, after, cache, ct)), "hold");
        if (synthesisRegion is not null && registrations.Count > 0)
        {
            Expect(await RunAsync(db => SynthesizeRegion.HandleAsync(id, new SynthesizeRegion.Request(synthesisRegion, summary), manager, db, after, ct)), "synthesis");
        }

        Expect(await RunAsync(db => PublishOutcome.HandleAsync(id, new PublishOutcome.Request(summary, recommendations), db, after, ct)), "outcome");
    }

    private async Task UpcomingAsync(ScheduleConsultation.Request request, List<Partner> partners, CancellationToken ct)
    {
        var id = await ScheduleAndOpenAsync(request, Clock, ct);
        await RegisterDelegatesAsync(id, partners.Take(8).ToList(), 1, Organizer, Clock, ct);
    }

    private async Task<Guid> ScheduleAndOpenAsync(ScheduleConsultation.Request request, TimeProvider at, CancellationToken ct)
    {
        var id = Expect(await RunAsync(db => ScheduleConsultation.HandleAsync(request, db, at, ct)), "schedule").Id;
        Expect(await RunAsync(db => OpenRegistration.HandleAsync(id, db, at, cache, ct)), "open");
        return id;
    }

    private async Task<List<RegistrationResponse>> RegisterDelegatesAsync(Guid id, List<Partner> organizations, int perOrganization, ClaimsPrincipal manager, TimeProvider at, CancellationToken ct)
    {
        var registrations = new List<RegistrationResponse>();
        foreach (var partner in organizations)
        {
            for (var k = 1; k <= perOrganization; k++)
            {
                // The same fictional delegates come back to several events, as real ones do: analytics counts them once.
                var request = new RegisterDelegate.Request(partner.Id, $"Delegate {k} of {partner.Acronym ?? partner.Name}", $"delegate{k}.{partner.Id:N}@demo.invalid");
                registrations.Add(Expect(await RunAsync(db => RegisterDelegate.HandleAsync(id, request, manager, db, at, ct)), "register"));
            }
        }

        return registrations;
    }

    private static T Expect<T>(IResult result, string step) => result switch
    {
        IValueHttpResult<T> { Value: { } value } => value,
        _ => throw new InvalidOperationException($"Demo step '{step}' was refused: {result.GetType().Name} {(result as IStatusCodeHttpResult)?.StatusCode}."),
    };

    private static void Expect(IResult result, string step)
    {
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            throw new InvalidOperationException($"Demo step '{step}' was refused: {result.GetType().Name} {(result as IStatusCodeHttpResult)?.StatusCode}.");
        }
    }

    private static ConsultationResponse Expect(Results<Created<ConsultationResponse>, ValidationProblem> result, string step) => Expect<ConsultationResponse>(result.Result, step);

    private static RegistrationResponse Expect(Results<Created<RegistrationResponse>, NotFound, ValidationProblem, ProblemHttpResult> result, string step) => Expect<RegistrationResponse>(result.Result, step);

    private static void Expect<T1, T2, T3>(Results<T1, T2, T3> result, string step)
        where T1 : IResult where T2 : IResult where T3 : IResult => Expect(result.Result, step);

    private static void Expect<T1, T2, T3, T4>(Results<T1, T2, T3, T4> result, string step)
        where T1 : IResult where T2 : IResult where T3 : IResult where T4 : IResult => Expect(result.Result, step);

    private async Task<T> RunAsync<T>(Func<ConsultationsDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ConsultationsDbContext>());
    }

    private static ClaimsPrincipal Principal(string role, Guid? organization)
    {
        var claims = new List<Claim> { new(SuiteClaims.Subject, "demo-seeder"), new(SuiteClaims.Role, role) };
        if (organization is { } org)
        {
            claims.Add(new Claim(SuiteClaims.Organization, org.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "demo", SuiteClaims.Subject, SuiteClaims.Role));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Seeding demo consultations with {PartnerCount} partners from the read model")]
    private static partial void LogSeeding(ILogger logger, int partnerCount);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Seeded {ConsultationCount} demo consultations")]
    private static partial void LogSeeded(ILogger logger, int consultationCount);
}
