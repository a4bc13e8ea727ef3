using Iom.Contracts.Reference;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Agreements;

/// <summary>
/// Records a legal agreement or joint project with a partner, as a draft: kind, title, themes, countries,
/// start and optional end (end before start is a 400; overlapping agreements are fine).
/// </summary>
internal static class CreateAgreement
{
    public sealed record Request(string? Kind, string? Title, IReadOnlyList<string?>? Themes, IReadOnlyList<string?>? Countries, DateOnly? StartsOn, DateOnly? EndsOn) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("implementing-partner-agreement", "Protection and direct assistance for victims of trafficking in the Lake Victoria basin", ["counter-trafficking-and-protection", "capacity-building"], ["KE", "UG"], ExampleDates.DaysFromToday(14), ExampleDates.DaysFromToday(380));
    }

    public static async Task<Results<Created<AgreementResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var agreement = Validate(errors, id, request, clock.GetUtcNow());
        if (agreement is null)
        {
            return errors.ToProblem();
        }

        var status = await db.Organizations.Where(o => o.Id == id).Select(o => (OrganizationStatus?)o.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return TypedResults.NotFound();
        }

        if (status == OrganizationStatus.Archived)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The organisation is archived.");
        }

        db.Agreements.Add(agreement);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/registry/agreements/{agreement.Id}", AgreementResponse.From(agreement));
    }

    public static Agreement? Validate(FieldErrors errors, Guid organizationId, Request request, DateTimeOffset now)
    {
        var kind = AgreementKind.ProjectAgreement;
        if (!WireNames.TryParse(request.Kind?.Trim(), out kind))
        {
            errors.Add("kind", $"Unknown agreement kind '{request.Kind}'. Known kinds: {string.Join(", ", WireNames.Names<AgreementKind>())}.");
        }

        var title = request.Title?.Trim();
        errors.Require(!string.IsNullOrEmpty(title) && title.Length <= 300, "title", "A title of at most 300 characters is required.");
        var themes = new List<string>();
        for (var i = 0; i < (request.Themes?.Count ?? 0); i++)
        {
            var theme = request.Themes![i]?.Trim().ToLowerInvariant();
            if (Themes.IsKnown(theme))
            {
                themes.Add(theme!);
            }
            else
            {
                errors.Add($"themes[{i}]", $"'{request.Themes[i]}' is not a known theme.");
            }
        }

        var countries = new List<string>();
        for (var i = 0; i < (request.Countries?.Count ?? 0); i++)
        {
            var country = request.Countries![i]?.Trim().ToUpperInvariant();
            if (Countries.IsKnown(country))
            {
                countries.Add(country!);
            }
            else
            {
                errors.Add($"countries[{i}]", $"'{request.Countries[i]}' is not an ISO 3166-1 alpha-2 country code.");
            }
        }

        errors.Require(request.StartsOn is not null, "startsOn", "The start date is required (yyyy-mm-dd).");
        errors.Require(request.EndsOn is null || request.StartsOn is null || request.EndsOn >= request.StartsOn, "endsOn", "The end date is before the start date.");
        if (!errors.IsValid)
        {
            return null;
        }

        return new Agreement
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            Kind = kind,
            Title = title!,
            Themes = themes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            Countries = countries.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn,
            Status = AgreementStatus.Draft,
            CreatedAt = now,
        };
    }
}
