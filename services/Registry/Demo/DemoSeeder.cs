using System.Security.Claims;
using Iom.Registry.Agreements;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Observers;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.Data;
using Iom.ServiceDefaults.Demo;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Demo;

/// <summary>
/// Demo mode (Demo:Enabled, registered by AddDemoSeeder): when the registry is empty, registers the demo partners, runs 75 of them through
/// the observer procedure to a granted decision and records agreements (ICVA's of 1984 first) — all through
/// the use cases, so every PartnerRegistered, ObserverStatusGranted and AgreementSigned leaves by the outbox.
/// </summary>
internal sealed partial class DemoSeeder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoSeeder> logger, DatabaseLock databaseLock)
    : DemoDataSeeder(clock, logger, databaseLock)
{
    public const string Actor = "demo-seed";

    private static readonly ClaimsPrincipal Editor = new(new ClaimsIdentity(
        [new Claim(SuiteClaims.Subject, Actor), new Claim(SuiteClaims.Role, SuiteRoles.RegistryEditor)], "demo", SuiteClaims.Subject, SuiteClaims.Role));

    protected override async Task SeedAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Organizations.AnyAsync(stoppingToken))
            {
                return;
            }
        }

        var ids = new List<(Guid Id, OrganizationProfile Profile)>();
        foreach (var profile in DemoPartners.Named.Concat(DemoPartners.Generated(DemoPartners.Total - DemoPartners.Named.Count)))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var organization = await RegisterOrganization.RegisterAsync(db, profile, [], Actor, Clock.GetUtcNow(), stoppingToken);
            if (organization is not null)
            {
                ids.Add((organization.Id, profile));
            }
        }

        // Observers: international NGOs first (ICVA, CARE, NRC, ...), then the rest, to the report's 75.
        var observers = ids.Where(p => p.Profile.Type is OrganizationType.Ngo or OrganizationType.NgoConsortium or OrganizationType.Cso)
            .OrderBy(p => p.Profile.Scope == OrganizationScope.International ? 0 : 1).ThenBy(p => ids.IndexOf(p)).Take(DemoPartners.Observers).ToList();
        var decided = new DateOnly(2016, 11, 29);
        for (var i = 0; i < observers.Count; i++)
        {
            await GrantObserverStatusAsync(observers[i].Id, decided.AddYears(-(i % 20)), $"MC/{2400 + i}", stoppingToken);
        }

        var icva = ids[0].Id;
        await AgreementAsync(icva, "framework-agreement", "Cooperation agreement between IOM and ICVA (IOM's first legal agreement with an NGO)", ["humanitarian-response", "advocacy"], ["CH"], new DateOnly(1984, 1, 1), stoppingToken);
        await AgreementAsync(ids[1].Id, "project-agreement", "What Future for International Migration and Human Mobility? (scenarios to 2030, with Global Future)", ["research", "migration-governance"], ["CH", "DE"], new DateOnly(2016, 9, 1), stoppingToken);
        await AgreementAsync(ids[10].Id, "implementing-partner-agreement", "Nutrition and health assistance to migrants in the Sahel", ["humanitarian-response", "migration-health"], ["ML", "NE"], new DateOnly(2017, 3, 1), stoppingToken);
        LogSeeded(Logger, ids.Count, observers.Count);
    }

    private async Task GrantObserverStatusAsync(Guid organization, DateOnly decidedOn, string reference, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var applied = await ApplyForObserverStatus.HandleAsync(organization,
            new ApplyForObserverStatus.Request(decidedOn.AddMonths(-6), "Works with and for migrants across several regions.", ["concerned-with-migration", "non-governmental-and-not-for-profit", "international-or-regional-reach"]),
            Editor, db, Clock, cancellationToken);
        if (applied.Result is not Created<ObserverApplicationResponse> created)
        {
            return;
        }

        await ReviewObserverApplication.HandleAsync(created.Value!.Id, new ReviewObserverApplication.Request("Admission criteria met."), Editor, db, Clock, cancellationToken);
        await DecideObserverApplication.HandleAsync(created.Value.Id, new DecideObserverApplication.Request("granted", decidedOn, reference), Editor, db, Clock, cancellationToken);
    }

    private async Task AgreementAsync(Guid organization, string kind, string title, string[] themes, string[] countries, DateOnly startsOn, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var result = await CreateAgreement.HandleAsync(organization, new CreateAgreement.Request(kind, title, themes, countries, startsOn, null), db, Clock, cancellationToken);
        if (result.Result is Created<AgreementResponse> created)
        {
            await ActivateAgreement.HandleAsync(created.Value!.Id, db, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Organizations} partners registered, {Observers} observers granted")]
    private static partial void LogSeeded(ILogger logger, int organizations, int observers);
}
