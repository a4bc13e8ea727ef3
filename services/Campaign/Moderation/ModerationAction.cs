using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Moderation;

/// <summary>Load, act, save once: 404 for an unknown testimony, 409 when someone else changed it meanwhile.</summary>
internal static class ModerationAction
{
    /// <param name="decidesReports">
    /// True for a moderator's decision (approve, reject, hold, dismiss): the public reports waiting on the testimony are
    /// decided, it leaves the queue's reported list, and the reporters' hashes are erased.
    /// </param>
    public static async Task<IResult> RunAsync(
        Guid id, CampaignDbContext db, CancellationToken cancellationToken, Func<Testimony, IResult?> act, bool decidesReports = true)
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

        if (decidesReports)
        {
            testimony.FlaggedAt = null;
            foreach (var report in await db.TestimonyReports.Where(r => r.TestimonyId == id && r.ReporterHash != null).ToListAsync(cancellationToken))
            {
                report.ReporterHash = null;
            }
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
