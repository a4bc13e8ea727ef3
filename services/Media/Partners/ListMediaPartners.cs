using Iom.Media.Data;
using Iom.Media.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Partners;

/// <summary>The media partner organisations known from the Registry, with their status.</summary>
internal static class ListMediaPartners
{
    public sealed record Response(Guid Id, string Name, string? Acronym, string Country, string Status, DateTimeOffset UpdatedAt);

    public static async Task<Ok<List<Response>>> HandleAsync(MediaDbContext db, CancellationToken cancellationToken)
    {
        var partners = await db.Partners.AsNoTracking().Where(p => p.Type == MediaPartner.MediaOrganisationType).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(partners.Select(p => new Response(p.Id, p.Name, p.Acronym, p.Country, p.Status.ToWire(), p.UpdatedAt)).ToList());
    }
}

internal static class PartnerEndpoints
{
    public static IEndpointRouteBuilder MapMediaPartners(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/media/partners", ListMediaPartners.HandleAsync).WithTags("Partners").WithName(nameof(ListMediaPartners))
            .RequireAuthorization(Iom.ServiceDefaults.Security.SuitePolicies.Staff);
        return app;
    }
}
