using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Moderation;

/// <summary>Load, act, save once: 404 for an unknown testimony, 409 when someone else changed it meanwhile.</summary>
internal static class ModerationAction
{
    public static async Task<IResult> RunAsync(
        Guid id, CampaignDbContext db, CancellationToken cancellationToken, Func<Testimony, IResult?> act)
    {
        var testimony = await db.Testimonies.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (testimony is null)
        {
            return TypedResults.NotFound();
        }

        if (act(testimony) is { } refusal)
        {
            return refusal;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Publishing.ConcurrentChange();
        }

        return TypedResults.Ok(ModerationView.From(testimony));
    }
}
