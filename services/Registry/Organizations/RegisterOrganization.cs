using System.Security.Claims;
using Iom.Data;
using Iom.Messaging;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Organizations;

/// <summary>
/// Register a partner organisation: validate, refuse an exact (normalised) duplicate in the same country with
/// a 409, report similar names in that country, store it with its focal points and audit row, and stage
/// PartnerRegistered in the same commit.
/// </summary>
internal static class RegisterOrganization
{
    public sealed record Request(
        string? Name,
        string? Acronym,
        string? Type,
        string? Scope,
        string? Country,
        IReadOnlyList<string?>? CountriesOfOperation,
        IReadOnlyList<string?>? Themes,
        IReadOnlyList<string?>? Languages,
        string? Website,
        string? IatiIdentifier,
        IReadOnlyList<FocalPointInput?>? FocalPoints) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Migrant Voices Network", "MVN", "migrant-organisation", "national", "KE", ["KE", "UG"], ["diaspora", "advocacy"], ["en", "sw"], "https://mvn.example.org", null, [new FocalPointInput("Amina Odhiambo", "Programme coordinator", "amina.odhiambo@mvn.example.org", "+254 20 765 4321")]);
    }

    public static async Task<Results<Created<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Request request, ClaimsPrincipal user, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var profile = Validate(errors, request);
        var focalPoints = ProfileInput.ValidateFocalPoints(errors, request.FocalPoints) ?? [];
        if (profile is null || !errors.IsValid)
        {
            return errors.ToProblem();
        }

        var duplicates = await PossibleDuplicatesAsync(db, profile.Name, profile.Country, cancellationToken);
        var organization = await RegisterAsync(db, profile, focalPoints, user.Actor(), clock.GetUtcNow(), cancellationToken);
        if (organization is null)
        {
            return Duplicate(profile.Name, profile.Country);
        }

        return TypedResults.Created($"/api/registry/organizations/{organization.Id}", OrganizationResponse.From(organization, includeFocalPoints: true) with
        {
            PossibleDuplicates = duplicates,
        });
    }

    public static OrganizationProfile? Validate(FieldErrors errors, Request request) => ProfileInput.Validate(
        errors, request.Name, request.Acronym, request.Type, request.Scope, request.Country,
        request.CountriesOfOperation, request.Themes, request.Languages, request.Website, request.IatiIdentifier);

    /// <summary>The use case itself (also used by the demo seed): null when the name is already registered in that country.</summary>
    public static async Task<Organization?> RegisterAsync(
        RegistryDbContext db, OrganizationProfile profile, IReadOnlyList<FocalPointData> focalPoints, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = Organization.Normalize(profile.Name);
        if (await db.Organizations.AnyAsync(o => o.NormalizedName == normalized && o.Country == profile.Country, cancellationToken))
        {
            return null;
        }

        var organization = Stage(db, profile, focalPoints, actor, now, "registered");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return null;
        }

        return organization;
    }

    /// <summary>Adds the organisation, its audit row and PartnerRegistered to the unit of work (no save).</summary>
    public static Organization Stage(RegistryDbContext db, OrganizationProfile profile, IReadOnlyList<FocalPointData> focalPoints, string actor, DateTimeOffset now, string action)
    {
        var organization = Organization.Register(Guid.CreateVersion7(), profile, now);
        organization.FocalPoints.AddRange(focalPoints.Select(f => new FocalPoint { Id = Guid.CreateVersion7(), OrganizationId = organization.Id, Name = f.Name, Role = f.Role, Email = f.Email, Phone = f.Phone }));
        db.Organizations.Add(organization);
        db.Audit(organization.Id, actor, action, [], now);
        db.StageEvent(PartnerEventsFactory.Registered(organization));
        return organization;
    }

    /// <summary>Similar names (pg_trgm similarity) in the same country, best first.</summary>
    public static async Task<List<PossibleDuplicate>> PossibleDuplicatesAsync(RegistryDbContext db, string name, string country, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<PossibleDuplicate>($"""
            SELECT id AS "Id", name AS "Name", similarity(name, {name})::float8 AS "Similarity"
            FROM organizations
            WHERE country = {country} AND name % {name}
            ORDER BY 3 DESC, id
            LIMIT 5
            """).ToListAsync(cancellationToken);

    private static ProblemHttpResult Duplicate(string name, string country) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The organisation is already registered.",
        detail: $"An organisation named '{name}' is already registered in {country}.");
}
