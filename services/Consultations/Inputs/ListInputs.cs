using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Inputs;

/// <summary>
/// Inputs of a consultation, optionally of one region (policy <see cref="SuitePolicies.ConsultationInputsReader"/>):
/// organizers and admins see all; a focal point sees its own organisation's unless it convenes.
/// </summary>
internal static class ListInputs
{
    public static async Task<Results<Ok<List<SubmitInput.Response>>, NotFound>> HandleAsync(
        Guid id, string? region, ClaimsPrincipal user, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        var query = db.Submissions.AsNoTracking().Where(s => s.ConsultationId == id);
        if (!user.IsOrganizer() && !user.IsConvenerFocalPoint(consultation))
        {
            var own = user.OrganizationId();
            query = query.Where(s => s.OrganizationId == own);
        }

        if (!string.IsNullOrWhiteSpace(region))
        {
            var wanted = region.Trim().ToLowerInvariant();
            query = query.Where(s => s.Region.ToLower() == wanted);
        }

        var list = await query.OrderBy(s => s.SubmittedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(SubmitInput.Response.From).ToList());
    }
}
