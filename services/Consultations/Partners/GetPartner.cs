using System.Security.Claims;
using Iom.Consultations.Data;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Partners;

/// <summary>A partner as Consultations knows it: staff read any; a focal point only its own organisation's record.</summary>
internal static class GetPartner
{
    public sealed record Response(Guid Id, string Name, string? Acronym, string Type, string Country, string Status, bool IsObserver, DateTimeOffset UpdatedAt);

    public static async Task<Results<Ok<Response>, NotFound, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(id))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A focal point reads only its own organisation's record.");
        }

        var p = await db.Partners.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return p is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new Response(p.Id, p.Name, p.Acronym, p.Type, p.Country, p.Status.ToWire(), p.IsObserver, p.UpdatedAt));
    }
}
