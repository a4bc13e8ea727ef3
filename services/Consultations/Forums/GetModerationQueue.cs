using System.Security.Claims;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>The forum's contributions waiting for a decision, oldest first, each with its personal-data screening flags.</summary>
internal static class GetModerationQueue
{
    public sealed record Item(ContributionResponse Contribution, IReadOnlyList<ScreeningFlag> Flags);

    public static async Task<IResult> HandleAsync(Guid forumId, ClaimsPrincipal user, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var (_, problem) = await ForumAccess.ManagedAsync(forumId, user, db, "moderate its forum", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var pending = await db.ForumContributions.AsNoTracking().Where(c => c.ForumId == forumId && c.State == ContributionState.Pending)
            .OrderBy(c => c.SubmittedAt).Take(500).ToListAsync(cancellationToken);
        var names = await OrganizationNames.LoadAsync(db, pending, cancellationToken);
        return TypedResults.Ok(pending.Select(c => new Item(
            ContributionResponse.From(c, c.OrganizationId is { } o ? names.GetValueOrDefault(o) : null, 0),
            Screening.ScanField("text", c.Text))).ToList());
    }
}
