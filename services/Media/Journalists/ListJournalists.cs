using System.Security.Claims;
using Iom.Media.Data;
using Iom.ServiceDefaults.Input;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Journalists;

/// <summary>The network, by partner and beat; staff see it, only media editors and admins see e-mails.</summary>
internal static class ListJournalists
{
    public static async Task<Results<Ok<List<JournalistResponse>>, ValidationProblem>> HandleAsync(
        Guid? partnerId, string? beat, MediaDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        beat = beat?.Trim().ToLowerInvariant();
        var errors = new ValidationErrors();
        errors.Require(beat is null || Iom.Contracts.Reference.Themes.IsKnown(beat), "beat", $"Unknown theme '{beat}'.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var query = db.Journalists.AsNoTracking();
        if (partnerId is not null)
        {
            query = query.Where(j => j.PartnerId == partnerId);
        }

        if (beat is not null)
        {
            query = query.Where(j => j.Beats.Contains(beat));
        }

        var rows = await query.OrderBy(j => j.Name).Take(1000)
            .Select(j => new { Journalist = j, Active = j.Keys.Count(k => k.RevokedAt == null) })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => JournalistResponse.From(r.Journalist, user, r.Active)).ToList());
    }
}
