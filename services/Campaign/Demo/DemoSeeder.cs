using System.Security.Claims;
using Iom.Campaign.Actions;
using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Moderation;
using Iom.Campaign.Public;
using Iom.Campaign.Receipts;
using Iom.Campaign.Testimonies;
using Iom.ServiceDefaults.Data;
using Iom.ServiceDefaults.Demo;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Iom.Campaign.Demo.DemoTestimonies;

namespace Iom.Campaign.Demo;

/// <summary>
/// Demo data (Demo:Enabled): a few dozen testimonies in several languages left in every state, and volunteer actions
/// with sign-ups for the first partners the Registry announces. Everything goes through the use cases, so events
/// leave through the outbox like any write. Testimonies are seeded only into an empty table, actions only while
/// there are none (partners arrive from Registry events, possibly after start-up).
/// </summary>
internal sealed partial class DemoSeeder(IServiceScopeFactory scopes, IOptions<CampaignDemoSettings> settings, TimeProvider clock, ILogger<DemoSeeder> logger, DatabaseLock databaseLock)
    : DemoDataSeeder(clock, logger, databaseLock)
{
    private static readonly ClaimsPrincipal Moderator = Principal(SuiteRoles.CampaignModerator, "demo-moderator", null);

    protected override async Task SeedAsync(CancellationToken stoppingToken)
    {
        await SeedTestimoniesAsync(stoppingToken);
        // Partners come from the Registry's events: look for them for a while after start-up.
        var interval = settings.Value.PartnerPollInterval;
        for (var attempt = 0; attempt < 60 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            if (await SeedActionsAsync(stoppingToken))
            {
                break;
            }

            await Task.Delay(interval, Clock, stoppingToken);
        }
    }

    private async Task SeedTestimoniesAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<CampaignDbContext>().Testimonies.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var count = 0;
        foreach (var sample in All())
        {
            await SeedAsync(sample, cancellationToken);
            count++;
        }

        LogSeededTestimonies(Logger, count);
    }

    private async Task SeedAsync(Sample sample, CancellationToken cancellationToken)
    {
        var input = new TestimonyInput(sample.Title, sample.Story, sample.Language, sample.Origin, sample.Residence, sample.Themes,
            sample.FirstName is null ? TestimonyInput.DisplayAnonymous : TestimonyInput.DisplayFirstName, sample.FirstName, sample.Consents);
        var receipt = await InScopeAsync(async (db, loggers) =>
            (await SubmitTestimony.CreateAsync(input, null, null, "demo-author", db, Clock, loggers, cancellationToken)).Value!);
        var id = receipt.TestimonyId;
        switch (sample.State)
        {
            case DemoState.Published:
                await InScopeAsync((db, _) => ApproveTestimony.HandleAsync(id, new ApproveTestimony.Request(null, true, null), Moderator, db, Clock, cancellationToken));
                break;
            case DemoState.OnHold:
                await InScopeAsync((db, _) => HoldTestimony.HandleAsync(id, new HoldTestimony.Request("Checking with the author's CSO."), Moderator, db, Clock, cancellationToken));
                break;
            case DemoState.Scheduled:
                await InScopeAsync((db, _) => ApproveTestimony.HandleAsync(id, new ApproveTestimony.Request(NextMigrantsDay(), true, "For the launch."), Moderator, db, Clock, cancellationToken));
                break;
            case DemoState.Rejected:
                await InScopeAsync((db, _) => RejectTestimony.HandleAsync(id, new RejectTestimony.Request("Not a personal testimony."), Moderator, db, Clock, cancellationToken));
                break;
            case DemoState.Withdrawn:
                await InScopeAsync((db, _) => ApproveTestimony.HandleAsync(id, new ApproveTestimony.Request(null, true, null), Moderator, db, Clock, cancellationToken));
                await InScopeAsync((db, loggers) => WithdrawConsent.HandleAsync(id, new WithdrawConsent.Request(receipt.ReceiptSecret, true, null), db, Clock, loggers, cancellationToken));
                break;
            case DemoState.PressWithdrawn:
                await InScopeAsync((db, _) => ApproveTestimony.HandleAsync(id, new ApproveTestimony.Request(null, true, null), Moderator, db, Clock, cancellationToken));
                await InScopeAsync((db, loggers) => WithdrawConsent.HandleAsync(id, new WithdrawConsent.Request(receipt.ReceiptSecret, null, ["press"]), db, Clock, loggers, cancellationToken));
                break;
            case DemoState.Pending:
            default:
                break;
        }
    }

    private async Task<bool> SeedActionsAsync(CancellationToken cancellationToken)
    {
        var partners = await InScopeAsync(async (db, _) =>
            await db.VolunteerActions.AnyAsync(cancellationToken)
                ? null
                : await db.Partners.AsNoTracking().Where(p => p.Status == PartnerStatus.Active).OrderBy(p => p.Name).Take(3).ToListAsync(cancellationToken));
        if (partners is null)
        {
            return true;
        }

        if (partners.Count == 0)
        {
            return false;
        }

        var today = new DateTimeOffset(Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var actions = 0;
        foreach (var (partner, index) in partners.Select((p, i) => (p, i)))
        {
            var focalPoint = Principal(SuiteRoles.CsoFocalPoint, $"demo-focal-point-{index}", partner.Id);
            PostVolunteerAction.Request[] requests =
            [
                new("Welcome dinner with newly arrived families", "Cook and share a meal; bring a dish from your own tradition.",
                    today.AddDays(7 + index).AddHours(17), null, false, partner.Country ?? "KE", CityIn(partner.Country), "Community hall", ["volunteerism", "diversity-and-inclusion"], 12),
                new("Online language café", "One hour of conversation practice with people learning the language.",
                    today.AddDays(3 + index).AddHours(18), today.AddDays(3 + index).AddHours(19), true, null, null, null, ["volunteerism"], 30),
                new("International Migrants Day street festival", "Help set up stands, music and a story corner for the Together campaign.",
                    NextMigrantsDay().AddHours(10 + index), null, false, partner.Country ?? "KE", CityIn(partner.Country), null, ["countering-xenophobia"], 3),
            ];
            foreach (var request in requests)
            {
                var result = await InScopeAsync((db, loggers) => PostVolunteerAction.HandleAsync(partner.Id, request, focalPoint, db, Clock, loggers, cancellationToken));
                if (result is Created<ActionView> created && created.Value is { } action && action.VolunteersNeeded <= 3)
                {
                    // A full action, to show the "full" state.
                    for (var i = 0; i < action.VolunteersNeeded; i++)
                    {
                        var signup = new SignUpForAction.Request($"Demo volunteer {i + 1}", $"volunteer{i + 1}@example.org");
                        await InScopeAsync((db, loggers) => SignUpForAction.SignUpAsync(action.Id, signup, db, Clock, loggers, cancellationToken));
                    }
                }

                actions++;
            }
        }

        LogSeededActions(Logger, actions, partners.Count);
        return true;
    }

    private async Task<T> InScopeAsync<T>(Func<CampaignDbContext, ILoggerFactory, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CampaignDbContext>(), scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
    }

    /// <summary>International Migrants Day (18 December), the campaign's launch date: the next one to come.</summary>
    private DateTimeOffset NextMigrantsDay()
    {
        var now = Clock.GetUtcNow();
        var day = new DateTimeOffset(now.Year, 12, 18, 9, 0, 0, TimeSpan.Zero);
        return day > now ? day : day.AddYears(1);
    }

    private static string CityIn(string? country) => country switch
    {
        null or "KE" => "Nairobi",
        "CH" => "Geneva",
        "US" => "New York",
        "GB" => "London",
        "FR" => "Paris",
        "DE" => "Berlin",
        "LB" => "Beirut",
        _ => Iom.Contracts.Reference.Countries.All.TryGetValue(country, out var c) ? c.Name : "City centre",
    };

    private static ClaimsPrincipal Principal(string role, string subject, Guid? organization)
    {
        var claims = new List<Claim> { new(SuiteClaims.Subject, subject), new(SuiteClaims.Role, role) };
        if (organization is { } org)
        {
            claims.Add(new Claim(SuiteClaims.Organization, org.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "demo", SuiteClaims.Subject, SuiteClaims.Role));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Count} testimonies seeded")]
    private static partial void LogSeededTestimonies(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Count} volunteer actions seeded for {Partners} partners")]
    private static partial void LogSeededActions(ILogger logger, int count, int partners);

}
