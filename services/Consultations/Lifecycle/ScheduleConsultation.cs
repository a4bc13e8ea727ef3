using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Consultations.Invitations;
using Iom.Contracts.Consultations;
using Iom.Contracts.Reference;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Lifecycle;

/// <summary>Put a consultation on the calendar as a draft; stage ConsultationScheduled; invite observers where the kind says so.</summary>
internal static class ScheduleConsultation
{
    public sealed record Request(
        string? Kind,
        string? Title,
        IReadOnlyList<string>? Themes,
        string? Region,
        string? City,
        string? Country,
        bool? Online,
        DateTimeOffset? StartsAt,
        DateTimeOffset? EndsAt,
        bool? ConvenedByIom,
        IReadOnlyList<Guid>? ConvenerOrganizationIds,
        bool? CsoLed,
        int? Capacity,
        int? DelegatesPerOrganization,
        DateTimeOffset? RegistrationDeadline,
        decimal? TravelBudget) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("regional-civil-society-consultation", "Regional Civil Society Consultation for East and Horn of Africa", ["migration-governance", "diaspora"], "Sub-Saharan Africa", "Nairobi", "KE", false, ExampleDates.At(60, 6), ExampleDates.At(61, 14), true, [], false, 120, 2, ExampleDates.At(40, 12), 25000m);
    }

    public static async Task<Results<Created<ConsultationResponse>, ValidationProblem>> HandleAsync(
        Request request, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        var conveners = (request.ConvenerOrganizationIds ?? []).Distinct().ToList();
        if (errors.IsValid && conveners.Count > 0)
        {
            var active = await db.Partners.Where(p => conveners.Contains(p.Id) && p.Status == PartnerStatus.Active).Select(p => p.Id).ToListAsync(cancellationToken);
            foreach (var missing in conveners.Except(active))
            {
                errors.Add("convenerOrganizationIds", $"Organisation {missing} is not an active partner.");
            }
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var online = request.Online ?? false;
        var consultation = new Consultation
        {
            Id = Guid.CreateVersion7(),
            Kind = request.Kind!,
            Title = request.Title!.Trim(),
            Themes = (request.Themes ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList(),
            Region = Canonical(request.Region),
            City = online && string.IsNullOrWhiteSpace(request.City) ? null : request.City?.Trim(),
            Country = online && string.IsNullOrWhiteSpace(request.Country) ? null : request.Country?.Trim().ToUpperInvariant(),
            Online = online,
            StartsAt = request.StartsAt!.Value.ToUniversalTime(),
            EndsAt = request.EndsAt!.Value.ToUniversalTime(),
            ConvenedByIom = request.ConvenedByIom ?? conveners.Count == 0,
            ConvenerOrganizationIds = conveners,
            CsoLed = request.CsoLed ?? false,
            Capacity = request.Capacity!.Value,
            DelegatesPerOrganization = request.DelegatesPerOrganization ?? request.Capacity!.Value,
            RegistrationDeadline = request.RegistrationDeadline!.Value.ToUniversalTime(),
            TravelBudget = request.TravelBudget ?? 0m,
            Status = ConsultationStatus.Draft,
            ScheduledAt = now,
            UpdatedAt = now,
        };
        db.Consultations.Add(consultation);
        db.StageEvent(new ConsultationScheduled(
            consultation.Id, consultation.Kind, consultation.Title, consultation.Themes, consultation.ResolvedRegion,
            consultation.Country, consultation.City, consultation.Online, consultation.StartsAt, consultation.EndsAt, consultation.ConvenerOrganizationIds, consultation.CsoLed));
        await ObserverInvitations.InviteObserversAsync(db, consultation, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consultations/{consultation.Id}", ConsultationResponse.From(consultation));
    }

    private static string? Canonical(string? region) =>
        string.IsNullOrWhiteSpace(region) ? null
        : Countries.Regions.Concat(Countries.SubRegions).First(r => string.Equals(r, region.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ValidationErrors Validate(Request r)
    {
        var errors = new ValidationErrors();
        errors.Require(ConsultationKinds.IsKnown(r.Kind), "kind", $"Unknown consultation kind '{r.Kind}'. Known kinds: {string.Join(", ", ConsultationKinds.All)}.");
        errors.Require(!string.IsNullOrWhiteSpace(r.Title), "title", "A title is required.");
        errors.Require(r.Title is null || r.Title.Trim().Length <= 300, "title", "The title is longer than 300 characters.");
        foreach (var theme in r.Themes ?? [])
        {
            errors.Require(Themes.IsKnown(theme?.Trim()), "themes", $"Unknown theme '{theme}'.");
        }

        errors.Require(string.IsNullOrWhiteSpace(r.Region) || Countries.IsRegion(r.Region.Trim()), "region", $"'{r.Region}' is not a UN M49 region or sub-region.");
        if (r.Online != true)
        {
            errors.Require(!string.IsNullOrWhiteSpace(r.City), "city", "A city is required unless the consultation is online.");
            errors.Require(Countries.IsKnown(r.Country?.Trim()), "country", $"'{r.Country}' is not an ISO 3166-1 alpha-2 country code (required unless online).");
        }
        else
        {
            errors.Require(string.IsNullOrWhiteSpace(r.Country) || Countries.IsKnown(r.Country.Trim()), "country", $"'{r.Country}' is not an ISO 3166-1 alpha-2 country code.");
        }

        errors.Require(r.City is null || r.City.Trim().Length <= 120, "city", "The city is longer than 120 characters.");
        errors.Require(r.StartsAt is not null, "startsAt", "A start is required.");
        errors.Require(r.EndsAt is not null, "endsAt", "An end is required.");
        errors.Require(r.StartsAt is null || r.EndsAt is null || r.EndsAt > r.StartsAt, "endsAt", "The end must come after the start.");
        var conveners = r.ConvenerOrganizationIds ?? [];
        errors.Require(r.ConvenedByIom != false || conveners.Count > 0, "convenerOrganizationIds", "A consultation needs a convener: IOM or at least one partner organisation.");
        errors.Require(r.CsoLed != true || conveners.Count > 0, "csoLed", "A CSO-led consultation needs at least one convening partner organisation.");
        errors.Require(r.Capacity is > 0 and <= 100_000, "capacity", "Capacity must be between 1 and 100000.");
        errors.Require(r.DelegatesPerOrganization is null or > 0, "delegatesPerOrganization", "The per-organisation delegate limit must be at least 1.");
        errors.Require(r.RegistrationDeadline is not null, "registrationDeadline", "A registration deadline is required.");
        errors.Require(r.RegistrationDeadline is null || r.StartsAt is null || r.RegistrationDeadline <= r.StartsAt, "registrationDeadline", "The registration deadline must not be after the start.");
        errors.Require(r.TravelBudget is null or >= 0 and <= 1_000_000_000m, "travelBudget", "The travel budget must be between 0 and 1000000000.");
        return errors;
    }
}
