using Iom.Consultations.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>A syndicate editor ends a membership: the token stops working at once; published work stays published.</summary>
internal static class RevokeMember
{
    public static async Task<IResult> HandleAsync(Guid id, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await db.SyndicateMembers.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }

        member.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
