using System.Security.Claims;
using Iom.Consultations.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>The forum's synthesis with a link to each contribution still among its sources (a withdrawn one is gone).</summary>
internal static class GetForumSynthesis
{
    public static async Task<IResult> HandleAsync(Guid forumId, ClaimsPrincipal user, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var (_, problem) = await ForumAccess.ManagedAsync(forumId, user, db, "read its forum's synthesis", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var synthesis = await db.ForumSyntheses.AsNoTracking().FirstOrDefaultAsync(s => s.ForumId == forumId, cancellationToken);
        return synthesis is null ? TypedResults.NotFound() : TypedResults.Ok(ConsolidateForum.Response.From(synthesis));
    }
}
