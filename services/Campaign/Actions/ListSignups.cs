using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Actions;

/// <summary>
/// Who signed up for an action (names and contacts), policy <see cref="SuitePolicies.VolunteerContactsReader"/>:
/// the campaign team and admins, and the organising CSO's focal points (another organisation's action is a 404 to them).
/// </summary>
internal static class ListSignups
{
    public sealed record Item(Guid Id, string Name, string Contact, DateTimeOffset SignedUpAt);

    public static async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, CampaignDbContext db, CancellationToken cancellationToken)
    {
        var action = await db.VolunteerActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null || !user.MayActFor(action.OrganizationId))
        {
            return TypedResults.NotFound();
        }

        var signups = await db.Signups.AsNoTracking().Where(s => s.ActionId == id).OrderBy(s => s.SignedUpAt)
            .Select(s => new Item(s.Id, s.Name, s.Contact, s.SignedUpAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(signups);
    }
}
