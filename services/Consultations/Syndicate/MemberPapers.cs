using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>The step a member's paper changes share: the member's own paper, still editable (draft or returned).</summary>
internal static class MemberPapers
{
    public static async Task<(ResearchPaper? Paper, IResult? Problem)> EditableAsync(Guid id, HttpContext http, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var (member, unauthorized) = await SyndicateToken.MemberAsync(http, db, cancellationToken);
        if (unauthorized is not null)
        {
            return (null, unauthorized);
        }

        var paper = await db.ResearchPapers.FirstOrDefaultAsync(p => p.Id == id && p.MemberId == member!.Id, cancellationToken);
        if (paper is null)
        {
            return (null, TypedResults.NotFound());
        }

        return paper.State is ReviewState.Draft or ReviewState.Returned
            ? (paper, null)
            : (null, ConsultationProblems.Conflict("The paper is not editable.", $"It is {paper.State.ToWire()}; only drafts and returned papers change."));
    }
}
