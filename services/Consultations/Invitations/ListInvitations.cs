using Iom.Consultations.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Invitations;

internal static class ListInvitations
{
    public sealed record Response(Guid OrganizationId, string Reason, DateTimeOffset InvitedAt);

    public static async Task<Results<Ok<List<Response>>, NotFound>> HandleAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Consultations.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var list = await db.Invitations.AsNoTracking().Where(i => i.ConsultationId == id).OrderBy(i => i.InvitedAt)
            .Select(i => new Response(i.OrganizationId, i.Reason, i.InvitedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(list);
    }
}
