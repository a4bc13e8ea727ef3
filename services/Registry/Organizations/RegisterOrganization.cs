using Iom.Contracts.Reference;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Organizations;

/// <summary>Register a partner organisation: validate, refuse a duplicate, store it and stage PartnerRegistered in one commit.</summary>
public static class RegisterOrganization
{
    public sealed record Request(string? Name, string? Acronym, string? Type, string? Country);

    public static async Task<Results<Created<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Request request, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var type);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var name = request.Name!.Trim();
        var country = request.Country!.Trim().ToUpperInvariant();
        var normalized = Organization.Normalize(name);
        if (await db.Organizations.AnyAsync(o => o.NormalizedName == normalized && o.Country == country, cancellationToken))
        {
            return Duplicate(name, country);
        }

        var organization = new Organization
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            NormalizedName = normalized,
            Acronym = string.IsNullOrWhiteSpace(request.Acronym) ? null : request.Acronym.Trim(),
            Type = type,
            Country = country,
            RegisteredAt = clock.GetUtcNow(),
        };
        db.Organizations.Add(organization);
        db.StageEvent(new PartnerRegistered(organization.Id, organization.Name, organization.Acronym, type.ToWire(), "national", country, [country], [], organization.RegisteredAt));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Duplicate(name, country);
        }

        return TypedResults.Created($"/api/registry/organizations/{organization.Id}", OrganizationResponse.From(organization));
    }

    private static ValidationErrors Validate(Request request, out OrganizationType type)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Name), "name", "A name is required.");
        errors.Require(request.Name is null || request.Name.Trim().Length <= 300, "name", "The name is longer than 300 characters.");
        errors.Require(request.Acronym is null || request.Acronym.Trim().Length <= 40, "acronym", "The acronym is longer than 40 characters.");
        if (!OrganizationTypes.TryParse(request.Type, out type))
        {
            errors.Add("type", $"Unknown organisation type '{request.Type}'. Known types: {string.Join(", ", OrganizationTypes.Names)}.");
        }

        errors.Require(Countries.IsKnown(request.Country?.Trim()), "country", $"'{request.Country}' is not an ISO 3166-1 alpha-2 country code.");
        return errors;
    }

    private static ProblemHttpResult Duplicate(string name, string country) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The organisation is already registered.",
        detail: $"An organisation named '{name}' is already registered in {country}.");
}
