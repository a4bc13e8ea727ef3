using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>
/// The individual withdraws their contribution with the receipt: the text is erased, it leaves the public forum,
/// and it is removed from the sources of the forum's synthesis. Withdrawing twice answers the same.
/// </summary>
internal static class WithdrawContribution
{
    public sealed record Confirmation(Guid Id, string State, DateTimeOffset WithdrawnAt);

    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var contribution = await db.ForumContributions.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (!ConsentReceipt.Matches(contribution?.SecretHash, http.Request.Headers[ViewContributionReceipt.SecretHeader].ToString()))
        {
            return ViewContributionReceipt.NoMatch();
        }

        var c = contribution!;
        if (c.State != ContributionState.Withdrawn)
        {
            var now = clock.GetUtcNow();
            c.State = ContributionState.Withdrawn;
            c.Text = string.Empty;
            c.WithdrawnAt = now;
            var syntheses = await db.ForumSyntheses.Where(s => s.ForumId == c.ForumId && s.SourceContributionIds.Contains(c.Id)).ToListAsync(cancellationToken);
            foreach (var synthesis in syntheses)
            {
                synthesis.SourceContributionIds = [.. synthesis.SourceContributionIds.Where(s => s != c.Id)];
            }

            db.EvictAfterCommit();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(new Confirmation(c.Id, c.State.ToWire(), c.WithdrawnAt!.Value));
    }
}
