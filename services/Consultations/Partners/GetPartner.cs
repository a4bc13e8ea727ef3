using Iom.Consultations.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Partners;

public static class GetPartner
{
    public sealed record Response(Guid Id, string Name, string? Acronym, string Type, string Country, string Status, bool IsObserver, DateTimeOffset UpdatedAt);

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var p = await db.Partners.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return p is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new Response(p.Id, p.Name, p.Acronym, p.Type, p.Country, p.Status.ToString().ToLowerInvariant(), p.IsObserver, p.UpdatedAt));
    }
}
