using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Registrations;

/// <summary>Registrations in arrival order; a focal point sees its own organisation's unless it convenes.</summary>
internal static class ListRegistrations
{
    public static async Task<Results<Ok<List<RegistrationResponse>>, NotFound>> HandleAsync(
        Guid id, ClaimsPrincipal user, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        var query = db.Registrations.AsNoTracking().Where(r => r.ConsultationId == id);
        if (!user.SeesAllRegistrations(consultation))
        {
            var own = user.OrganizationId();
            query = query.Where(r => r.OrganizationId == own);
        }

        var waitlist = await db.Registrations.AsNoTracking().Where(r => r.ConsultationId == id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Sequence).Select(r => r.Id).ToListAsync(cancellationToken);
        var list = await query.OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(r => RegistrationResponse.From(r, waitlist.IndexOf(r.Id) + 1)).ToList());
    }
}
