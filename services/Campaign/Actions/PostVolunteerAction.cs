using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Campaign.Testimonies;
using Iom.Contracts.Campaign;
using Iom.Contracts.Reference;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Actions;

/// <summary>
/// A focal point of an active partner posts a volunteer action (title, description, date, place or online,
/// volunteers needed): stored and VolunteerActionPublished staged in one commit; the public listing is evicted.
/// </summary>
internal static partial class PostVolunteerAction
{
    public sealed record Request(
        string? Title,
        string? Description,
        DateTimeOffset? StartsAt,
        DateTimeOffset? EndsAt,
        bool? Online,
        string? Country,
        string? City,
        string? Venue,
        IReadOnlyList<string?>? Themes,
        int? VolunteersNeeded) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Welcome meal for newly resettled families", "Cook and share a meal with families resettled in Geneva this month; volunteers who speak Arabic, Dari or Tigrinya are especially welcome.", ExampleDates.At(14, 15), ExampleDates.At(14, 19), false, "CH", "Geneva", "Maison de quartier des Pâquis", ["resettlement"], 12);
    }

    public static async Task<IResult> HandleAsync(
        Guid organizationId, Request request, ClaimsPrincipal user, CampaignDbContext db, TimeProvider clock, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!user.MayActFor(organizationId))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var errors = Validate(request, now);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == organizationId, cancellationToken);
        if (partner is not { Status: PartnerStatus.Active })
        {
            return SubmitTestimonyOnBehalf.NotAnActivePartner();
        }

        var action = Create(organizationId, request, user.Actor(), now);
        db.VolunteerActions.Add(action);
        db.StageEvent(new VolunteerActionPublished(
            action.Id, organizationId, action.Title, action.StartsAt, action.Country, action.City, action.Online, action.VolunteersNeeded), clock);
        db.EvictAfterCommit(PublicCache.Actions);
        await db.SaveChangesAsync(cancellationToken);
        LogPosted(loggers.CreateLogger(nameof(PostVolunteerAction)), action.Id, organizationId);
        return TypedResults.Created($"/api/campaign/public/actions/{action.Id}", ActionView.From(action, partner, now));
    }

    internal static VolunteerAction Create(Guid organizationId, Request request, string actor, DateTimeOffset now)
    {
        var online = request.Online == true;
        return new VolunteerAction
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Title = request.Title!.Trim(),
            Description = request.Description!.Trim(),
            StartsAt = request.StartsAt!.Value,
            EndsAt = request.EndsAt,
            Online = online,
            Country = request.Country?.Trim().ToUpperInvariant(),
            City = string.IsNullOrWhiteSpace(request.City) ? null : request.City.Trim(),
            Venue = string.IsNullOrWhiteSpace(request.Venue) ? null : request.Venue.Trim(),
            Themes = [.. (request.Themes ?? []).Select(t => t!.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
            VolunteersNeeded = request.VolunteersNeeded!.Value,
            CreatedBy = actor,
            CreatedAt = now,
        };
    }

    internal static ValidationErrors Validate(Request request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var title = request.Title?.Trim() ?? string.Empty;
        errors.Require(title.Length > 0, "title", "A title is required.");
        errors.Require(title.Length <= 200, "title", "The title is longer than 200 characters.");
        var description = request.Description?.Trim() ?? string.Empty;
        errors.Require(description.Length > 0, "description", "A description is required.");
        errors.Require(description.Length <= 5000, "description", "The description is longer than 5000 characters.");
        errors.Require(request.StartsAt is not null, "startsAt", "The start date and time is required.");
        errors.Require(request.StartsAt is null || request.StartsAt > now, "startsAt", "The action must start in the future.");
        errors.Require(request.StartsAt is null || request.StartsAt < now.AddYears(2), "startsAt", "The action must start within two years.");
        errors.Require(request.EndsAt is null || request.StartsAt is null || request.EndsAt > request.StartsAt, "endsAt", "The end must be after the start.");
        var online = request.Online == true;
        errors.Require(online || Countries.IsKnown(request.Country?.Trim()), "country", online
            ? $"'{request.Country}' is not an ISO 3166-1 alpha-2 country code."
            : "A place (an ISO 3166-1 alpha-2 country, and a city) is required unless the action is online.");
        errors.Require(request.Country is null || Countries.IsKnown(request.Country.Trim()), "country", $"'{request.Country}' is not an ISO 3166-1 alpha-2 country code.");
        errors.Require(online || !string.IsNullOrWhiteSpace(request.City), "city", "A city is required unless the action is online.");
        errors.Require(request.City is null || request.City.Trim().Length <= 100, "city", "The city is longer than 100 characters.");
        errors.Require(request.Venue is null || request.Venue.Trim().Length <= 300, "venue", "The venue is longer than 300 characters.");
        var themes = request.Themes ?? [];
        errors.Require(themes.Count <= 5, "themes", "At most 5 themes.");
        foreach (var theme in themes.Where(t => !Themes.IsKnown(t?.Trim())))
        {
            errors.Add("themes", $"Unknown theme '{theme}'.");
        }

        errors.Require(request.VolunteersNeeded is >= 1 and <= 10_000, "volunteersNeeded", "Between 1 and 10000 volunteers.");
        return errors;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Volunteer action {ActionId} posted by organisation {OrganizationId}")]
    private static partial void LogPosted(ILogger logger, Guid actionId, Guid organizationId);
}
