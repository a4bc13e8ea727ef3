using Iom.Campaign.Actions;
using Iom.Campaign.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Public;

/// <summary>One upcoming action, as the app shows it (404 once cancelled, past, or its organiser is suspended).</summary>
internal static class GetUpcomingAction
{
    public static async Task<IResult> HandleAsync(Guid id, CampaignDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = await ListUpcomingActions.Visible(db, now).FirstOrDefaultAsync(x => x.Action.Id == id, cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(ActionView.From(row.Action, row.Partner, now));
    }
}
