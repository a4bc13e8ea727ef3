using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>The forum is managed (moderated, consolidated) by whoever manages its consultation.</summary>
internal static class ForumAccess
{
    /// <summary>The forum and its consultation, or the 404 / 403 to answer.</summary>
    public static async Task<(Forum? Forum, IResult? Problem)> ManagedAsync(Guid forumId, ClaimsPrincipal user, ConsultationsDbContext db, string action, CancellationToken cancellationToken)
    {
        var forum = await db.Forums.AsNoTracking().FirstOrDefaultAsync(f => f.Id == forumId, cancellationToken);
        var consultation = forum is null ? null : await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == forum.ConsultationId, cancellationToken);
        if (forum is null || consultation is null)
        {
            return (null, TypedResults.NotFound());
        }

        return user.MayManage(consultation) ? (forum, null) : (null, ConsultationAccess.Forbidden(consultation, action));
    }
}
