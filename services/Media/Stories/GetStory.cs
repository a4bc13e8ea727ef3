using Iom.Media.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

internal static class GetStory
{
    public static async Task<Results<Ok<StoryResponse>, NotFound>> HandleAsync(Guid id, MediaDbContext db, CancellationToken cancellationToken)
    {
        var story = await db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return story is null ? TypedResults.NotFound() : TypedResults.Ok(StoryResponse.From(story));
    }
}
