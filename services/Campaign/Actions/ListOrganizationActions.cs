using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Actions;

/// <summary>An organisation's own actions, past and upcoming, with how many signed up (for its focal points and staff).</summary>
internal static class ListOrganizationActions
{
    public sealed record Item(ActionView Action, int Signups);

    public static async Task<IResult> HandleAsync(
        Guid organizationId, ClaimsPrincipal user, CampaignDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!user.MayActFor(organizationId))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == organizationId, cancellationToken);
        var actions = await db.VolunteerActions.AsNoTracking().Where(a => a.OrganizationId == organizationId)
            .OrderByDescending(a => a.StartsAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(actions.Select(a => new Item(ActionView.From(a, partner, now), a.SignupCount)).ToList());
    }
}
