using System.Net.Mail;
using System.Security.Claims;
using Iom.Contracts.Reference;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Media.Stories;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Journalists;

/// <summary>Add a journalist of a media partner's network (the partner comes from the Registry read model).</summary>
internal static class CreateJournalist
{
    public sealed record Request(
        string? Name, string? Outlet, string? Country, IReadOnlyList<string?>? Beats, IReadOnlyList<string?>? Languages, string? Email, Guid? PartnerId) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Grace Wanjiru", "Coast Daily Herald", "KE", ["migration-health", "diaspora"], ["en", "sw"], "grace.wanjiru@coastherald.example.com", null);
    }

    public static async Task<Results<Created<JournalistResponse>, ValidationProblem>> HandleAsync(
        Request request, MediaDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Name), "name", "A name is required.");
        errors.Require(request.Name is null || request.Name.Trim().Length <= 200, "name", "The name is longer than 200 characters.");
        errors.Require(!string.IsNullOrWhiteSpace(request.Outlet), "outlet", "An outlet is required.");
        errors.Require(request.Outlet is null || request.Outlet.Trim().Length <= 200, "outlet", "The outlet is longer than 200 characters.");
        errors.Require(Countries.IsKnown(request.Country?.Trim()), "country", $"'{request.Country}' is not an ISO 3166-1 alpha-2 country code.");
        var beats = StoryInput.Themes(errors, request.Beats, "beats");
        var languages = StoryInput.Languages(errors, request.Languages);
        errors.Require(IsEmail(request.Email), "email", "A valid e-mail address is required.");
        if (request.PartnerId is { } partnerId)
        {
            var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnerId && p.Type == MediaPartner.MediaOrganisationType, cancellationToken);
            errors.Require(partner is not null, "partnerId", "No media partner organisation with this id is known (from the Registry).");
            errors.Require(partner is null || partner.Status != PartnerStatus.Archived, "partnerId", "The media partner organisation is archived.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var journalist = new Journalist
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name!.Trim(),
            Outlet = request.Outlet!.Trim(),
            Country = request.Country!.Trim().ToUpperInvariant(),
            Beats = beats,
            Languages = languages,
            Email = request.Email!.Trim(),
            PartnerId = request.PartnerId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Journalists.Add(journalist);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/media/journalists/{journalist.Id}", JournalistResponse.From(journalist, user, 0));
    }

    private static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= 320 && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim();
}
