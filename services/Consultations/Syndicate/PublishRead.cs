using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>An editor puts a recommended read on the public reading list.</summary>
internal static class PublishRead
{
    public static async Task<IResult> HandleAsync(Guid id, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var read = await db.RecommendedReads.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (read is null)
        {
            return TypedResults.NotFound();
        }

        if (read.State != ReviewState.Submitted)
        {
            return ConsultationProblems.Conflict("The read is not waiting for review.", $"It is {read.State.ToWire()}.");
        }

        read.State = ReviewState.Published;
        read.PublishedAt = clock.GetUtcNow();
        db.EvictSyndicateAfterCommit();
        await db.SaveChangesAsync(cancellationToken);
        var author = await db.SyndicateMembers.Where(m => m.Id == read.MemberId).Select(m => m.Name).SingleAsync(cancellationToken);
        return TypedResults.Ok(ReadResponse.From(read, author));
    }
}
