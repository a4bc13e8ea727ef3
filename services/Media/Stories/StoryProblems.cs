using Iom.Media.Data;
using Iom.Media.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

internal static class StoryProblems
{
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The story is not in a state that allows this.", detail: detail);

    /// <summary>Saves once; a concurrent change of the same story is a 409, not a lost update.</summary>
    public static async Task<Results<Ok<StoryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> SaveAsync(
        MediaDbContext db, Story story, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict("The story was changed by someone else meanwhile; reload it and try again.");
        }

        return TypedResults.Ok(StoryResponse.From(story));
    }

    public static async Task<Results<Ok<StoryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> TransitionAsync(
        Guid id, MediaDbContext db, Func<Story, string?> transition, CancellationToken cancellationToken)
    {
        var story = await db.Stories.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null)
        {
            return TypedResults.NotFound();
        }

        return transition(story) is { } illegal ? Conflict(illegal) : await SaveAsync(db, story, cancellationToken);
    }
}
