using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>An editor returns a submitted paper to its author with a note; the author revises and submits again.</summary>
internal static class ReturnPaper
{
    public sealed record Request(string? Note) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Please shorten the abstract to 150 words and cite the 2024 evaluation of the pilots.");
    }

    public static async Task<IResult> HandleAsync(Guid id, Request request, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Note) && request.Note.Trim().Length <= 2000, "note", "A note of at most 2000 characters is required.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var paper = await db.ResearchPapers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (paper is null)
        {
            return TypedResults.NotFound();
        }

        if (paper.State != ReviewState.Submitted)
        {
            return ConsultationProblems.Conflict("The paper is not waiting for review.", $"It is {paper.State.ToWire()}.");
        }

        paper.State = ReviewState.Returned;
        paper.EditorNote = request.Note!.Trim();
        paper.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PaperResponse.From(paper, paper.Pdf?.LongLength));
    }
}
