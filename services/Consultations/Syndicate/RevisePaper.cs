using Iom.Consultations.Data;

namespace Iom.Consultations.Syndicate;

/// <summary>A member revises a draft or a paper the editors returned (title, abstract, body, licence).</summary>
internal static class RevisePaper
{
    public static async Task<IResult> HandleAsync(Guid id, PaperInput.Fields request, HttpContext http, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = PaperInput.Validate(request);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var (paper, problem) = await MemberPapers.EditableAsync(id, http, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        paper!.Title = request.Title!.Trim();
        paper.Abstract = request.Abstract!.Trim();
        paper.BodyMarkdown = request.Body!;
        paper.Licence = request.Licence!;
        paper.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PaperResponse.From(paper, paper.Pdf?.LongLength));
    }
}
