using System.Security.Claims;
using Iom.Media.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Journalists;

internal static class GetJournalist
{
    public static async Task<Results<Ok<JournalistResponse>, NotFound>> HandleAsync(Guid id, MediaDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var journalist = await db.Journalists.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (journalist is null)
        {
            return TypedResults.NotFound();
        }

        var active = await db.FeedKeys.CountAsync(k => k.JournalistId == id && k.RevokedAt == null, cancellationToken);
        return TypedResults.Ok(JournalistResponse.From(journalist, user, active));
    }
}
