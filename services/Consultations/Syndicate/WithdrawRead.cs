using Iom.Consultations.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>A member withdraws one of their reads (making room for another); it leaves the public reading list.</summary>
internal static class WithdrawRead
{
    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var (member, unauthorized) = await SyndicateToken.MemberAsync(http, db, cancellationToken);
        if (unauthorized is not null)
        {
            return unauthorized;
        }

        var read = await db.RecommendedReads.FirstOrDefaultAsync(r => r.Id == id && r.MemberId == member!.Id, cancellationToken);
        if (read is null)
        {
            return TypedResults.NotFound();
        }

        db.RecommendedReads.Remove(read);
        db.EvictSyndicateAfterCommit();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
