using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>One published contribution: the link a synthesis gives for each of its sources.</summary>
internal static class GetPublicContribution
{
    public static async Task<IResult> HandleAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var contribution = await db.ForumContributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.State == ContributionState.Published, cancellationToken);
        if (contribution is null)
        {
            return TypedResults.NotFound();
        }

        var names = await OrganizationNames.LoadAsync(db, [contribution], cancellationToken);
        var supports = await db.ForumSupports.CountAsync(s => s.ContributionId == id, cancellationToken);
        return TypedResults.Ok(ContributionResponse.From(contribution, contribution.OrganizationId is { } o ? names.GetValueOrDefault(o, "organisation") : null, supports));
    }
}
