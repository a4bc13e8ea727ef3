using Iom.Consultations.Data;
using Iom.Consultations.Domain;

namespace Iom.Consultations.Syndicate;

/// <summary>A member sends a draft (or a returned paper) to editorial review.</summary>
internal static class SubmitPaper
{
    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (paper, problem) = await MemberPapers.EditableAsync(id, http, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        paper!.State = ReviewState.Submitted;
        paper.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PaperResponse.From(paper, paper.Pdf?.LongLength));
    }
}
