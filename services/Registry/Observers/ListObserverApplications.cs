using System.Security.Claims;
using Iom.Registry.Data;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Observers;

/// <summary>An organisation's observer applications, newest first (staff, or the organisation's own focal point).</summary>
internal static class ListObserverApplications
{
    public static async Task<Results<Ok<List<ObserverApplicationResponse>>, NotFound>> HandleAsync(
        Guid id, ClaimsPrincipal user, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(id) || !await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var applications = await db.ObserverApplications.AsNoTracking().Where(a => a.OrganizationId == id)
            .OrderByDescending(a => a.SubmittedOn).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(applications.Select(ObserverApplicationResponse.From).ToList());
    }
}
