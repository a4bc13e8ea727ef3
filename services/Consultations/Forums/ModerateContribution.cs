using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>The decision step both moderation use cases share: load the pending contribution, check the caller, decide, evict the public pages.</summary>
internal static class ModerateContribution
{
    public static async Task<IResult> RunAsync(
        Guid id, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken, Func<ForumContribution, IResult?> decide)
    {
        var contribution = await db.ForumContributions.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contribution is null)
        {
            return TypedResults.NotFound();
        }

        var (_, problem) = await ForumAccess.ManagedAsync(contribution.ForumId, user, db, "moderate its forum", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (contribution.State != ContributionState.Pending)
        {
            return ConsultationProblems.Conflict("The contribution is not waiting for moderation.", $"It is {contribution.State.ToWire()}.");
        }

        var refused = decide(contribution);
        if (refused is not null)
        {
            return refused;
        }

        contribution.ModeratedAt = clock.GetUtcNow();
        contribution.ModeratedBy = user.Actor();
        db.EvictAfterCommit();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ContributionResponse.From(contribution, null, 0));
    }
}
