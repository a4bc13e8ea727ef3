using System.Security.Claims;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Media.Journalists;
using Iom.Media.Stories;
using Iom.ServiceDefaults.Data;
using Iom.ServiceDefaults.Demo;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Media.Demo;

/// <summary>
/// Demo data (Demo:Enabled): Inter Press Service as the media partner, three dozen journalists of its network and a
/// feed with items in every state, written through the use cases (events go through the outbox). Only when the
/// journalists table is empty. IPS is taken from the Registry read model when the Registry's own demo registers it
/// within 30 s; otherwise a local read-model row stands in. The demo newsroom key (Demo:FeedKey, documented
/// development value) belongs to the first journalist and has embargo access; it is seeded only where development secrets
/// are allowed (<see cref="DemoMode"/>), never in production: there the first journalist gets an ordinary key.
/// </summary>
internal sealed partial class MediaDemoData(IServiceScopeFactory scopes, IOptions<MediaDemoSettings> settings, IHostEnvironment environment, TimeProvider clock, ILogger<MediaDemoData> logger, DatabaseLock databaseLock)
    : DemoDataSeeder(clock, logger, databaseLock)
{
    public const string DefaultFeedKey = "iomk_demo-ips-newsroom-local-development-only";

    private static readonly ClaimsPrincipal Seeder = new(new ClaimsIdentity(
        [new Claim(SuiteClaims.Subject, "demo-seed"), new Claim(SuiteClaims.Role, SuiteRoles.MediaEditor)], "demo", SuiteClaims.Subject, SuiteClaims.Role));

    private static readonly string[] FirstNames = ["Amina", "Kofi", "Lucía", "Rahul", "Mei", "Omar", "Fatou", "Diego", "Nadia", "Tariq", "Grace", "Pablo"];
    private static readonly string[] LastNames = ["Diallo", "Mensah", "Fernández", "Sharma", "Chen", "Haddad"];
    private static readonly (string Country, string Outlet, string Language)[] Bureaus =
    [
        ("SN", "IPS Africa", "fr"), ("KE", "IPS Africa", "en"), ("MX", "IPS Latin America", "es"), ("IN", "IPS Asia-Pacific", "en"),
        ("TH", "IPS Asia-Pacific", "en"), ("IT", "IPS Europe", "it"), ("LB", "IPS Middle East", "ar"), ("US", "IPS UN Bureau", "en"),
    ];

    private static readonly string[][] BeatSets =
    [
        ["countering-xenophobia", "diversity-and-inclusion"], ["migration-health"], ["environment-and-climate-change"],
        ["counter-trafficking-and-protection"], ["migration-governance", "diaspora"], ["humanitarian-response"],
    ];

    protected override async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MediaDbContext>();
        if (await db.Journalists.AnyAsync(cancellationToken))
        {
            return;
        }

        var partnerId = await IpsAsync(db, settings.Value.PartnerWaitSeconds, cancellationToken);
        var now = Clock.GetUtcNow();
        var journalists = new List<Guid>();
        for (var i = 0; i < 36; i++)
        {
            var (country, outlet, language) = Bureaus[i % Bureaus.Length];
            var name = $"{FirstNames[i % FirstNames.Length]} {LastNames[i / FirstNames.Length % LastNames.Length]}";
            var result = await CreateJournalist.HandleAsync(
                new CreateJournalist.Request(name, outlet, country, BeatSets[i % BeatSets.Length], language == "en" ? ["en"] : [language, "en"],
                    $"journalist{i + 1:00}@demo.ipsnews.invalid", partnerId),
                db, Clock, Seeder, cancellationToken);
            if (result.Result is Created<JournalistResponse> created)
            {
                journalists.Add(created.Value!.Id);
            }
        }

        // The documented demo newsroom key (first journalist, embargo access) where development secrets are allowed,
        // then one ordinary key per journalist.
        var ordinary = journalists.AsEnumerable();
        if (DemoMode.MaySeedDocumentedSecrets(environment))
        {
            var (demoKey, _) = CreateFeedKey.Issue(journalists[0], "demo newsroom", embargoAccess: true, now);
            demoKey.Hash = FeedKeySecret.Hash(settings.Value.FeedKey ?? DefaultFeedKey);
            db.FeedKeys.Add(demoKey);
            ordinary = journalists.Skip(1);
        }
        else
        {
            LogNoDemoKey(Logger, environment.EnvironmentName);
        }

        foreach (var journalist in ordinary)
        {
            db.FeedKeys.Add(CreateFeedKey.Issue(journalist, "feed reader", embargoAccess: false, now).Key);
        }

        await db.SaveChangesAsync(cancellationToken);

        var session = Training.CreateTrainingSession.New("Reporting on international migration: terminology and ethics", now.AddDays(-30), "IPS and IOM Media and Communications", true, null);
        session.Attendance.AddRange(journalists.Take(12).Select(j => new TrainingAttendance { SessionId = session.Id, JournalistId = j, Attended = true, Completed = true, RecordedAt = now.AddDays(-30) }));
        db.TrainingSessions.Add(session);
        db.TrainingSessions.Add(Training.CreateTrainingSession.New("Countering xenophobia in the newsroom", now.AddDays(14), "IPS Africa", false, "Dakar, Senegal"));
        await db.SaveChangesAsync(cancellationToken);

        await StoriesAsync(services, db, now, cancellationToken);
    }

    private static async Task<Guid?> IpsAsync(MediaDbContext db, int waitSeconds, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= waitSeconds; attempt++)
        {
            var ips = await db.Partners.AsNoTracking()
                .FirstOrDefaultAsync(p => p.Type == MediaPartner.MediaOrganisationType && (p.Acronym == "IPS" || EF.Functions.ILike(p.Name, "%Inter Press Service%")), cancellationToken);
            if (ips is not null)
            {
                return ips.Id;
            }

            if (attempt == waitSeconds)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var local = new MediaPartner
        {
            Id = Guid.Parse("0a7e1b2c-1b5e-4c3d-9f00-000000001995"),
            Name = "Inter Press Service",
            Acronym = "IPS",
            Country = "IT",
            Type = MediaPartner.MediaOrganisationType,
            Status = PartnerStatus.Active,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Partners.Add(local);
        await db.SaveChangesAsync(cancellationToken);
        return local.Id;
    }

    private static async Task StoriesAsync(IServiceProvider services, MediaDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lifecycle = services.GetRequiredService<StoryLifecycle>();
        (string Headline, string Theme, string Region, string State)[] stories =
        [
            ("Migrant health workers keep rural clinics open", "migration-health", "Sub-Saharan Africa", "published"),
            ("Diaspora investors fund solar micro-grids at home", "diaspora", "Asia", "published"),
            ("Climate displacement: a fishing village moves inland", "environment-and-climate-change", "Oceania", "published"),
            ("Volunteers welcome new arrivals in a mountain town", "countering-xenophobia", "Europe", "published"),
            ("Survivors of trafficking rebuild their lives as entrepreneurs", "counter-trafficking-and-protection", "Latin America and the Caribbean", "published"),
            ("Regional consultation agrees on labour migration priorities", "migration-governance", "Africa", "corrected"),
            ("Returning home after a decade: reintegration in practice", "assisted-voluntary-return-and-reintegration", "Asia", "corrected"),
            ("New data on remittances during the crisis", "research", "Americas", "embargoed"),
            ("Global report on migrants caught in crises", "humanitarian-response", "Africa", "embargoed"),
            ("A testimony withdrawn at its author's request", "countering-xenophobia", "Europe", "withdrawn"),
            ("Media training for journalists covering migration", "media", "Africa", "scheduled"),
            ("Draft: resettlement stories from the Mediterranean", "resettlement", "Europe", "draft"),
        ];
        foreach (var (headline, theme, region, state) in stories)
        {
            var story = CreateStory.New(now, headline, "IPS and IOM report: " + headline.ToLowerInvariant() + ".",
                headline + ". A story produced by the IOM and IPS media partnership to raise awareness of migration and counter xenophobia.",
                [theme], [region], ["en"], StorySources.MediaTeam, null, "IPS / IOM", "Free to republish with credit to IPS and IOM.");
            db.Stories.Add(story);
            StoryLifecycle.Audit(db, story, "created", "demo-seed", now);
            switch (state)
            {
                case "published":
                    lifecycle.Publish(db, story, "demo-seed");
                    break;
                case "corrected":
                    lifecycle.Publish(db, story, "demo-seed");
                    lifecycle.Correct(db, story, "An earlier version misstated the number of participants.", null, null, null, "demo-seed");
                    break;
                case "embargoed":
                    lifecycle.Embargo(db, story, now.AddDays(2), "demo-seed");
                    break;
                case "withdrawn":
                    lifecycle.Publish(db, story, "demo-seed");
                    lifecycle.Withdraw(db, story, "The author withdrew consent.", "demo-seed", erase: true);
                    break;
                case "scheduled":
                    lifecycle.Schedule(db, story, now.AddDays(7), "demo-seed");
                    break;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Demo data in the '{Environment}' environment: the documented demo feed key is not seeded outside Development")]
    private static partial void LogNoDemoKey(ILogger logger, string environment);
}
