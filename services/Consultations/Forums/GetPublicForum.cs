using Iom.Consultations.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>The forum as the public sees it: title, dates, languages, topics with their questions.</summary>
internal static class GetPublicForum
{
    public static async Task<IResult> HandleAsync(Guid forumId, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var forum = await db.Forums.AsNoTracking().FirstOrDefaultAsync(f => f.Id == forumId, cancellationToken);
        if (forum is null)
        {
            return TypedResults.NotFound();
        }

        var topics = await db.ForumTopics.AsNoTracking().Where(t => t.ForumId == forumId).ToListAsync(cancellationToken);
        return TypedResults.Ok(ForumResponse.From(forum, topics));
    }
}
