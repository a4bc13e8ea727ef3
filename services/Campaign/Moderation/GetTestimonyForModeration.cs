using Iom.Campaign.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Moderation;

/// <summary>One testimony as moderators see it, with its reports and its audit trail.</summary>
internal static class GetTestimonyForModeration
{
    public sealed record AuditEntry(string Actor, string Action, string? Detail, DateTimeOffset At);

    public sealed record Report(string Reason, string? Note, DateTimeOffset ReportedAt);

    public sealed record Response(ModerationView Testimony, IReadOnlyList<Report> Reports, IReadOnlyList<AuditEntry> Audit);

    public static async Task<IResult> HandleAsync(Guid id, CampaignDbContext db, CancellationToken cancellationToken)
    {
        var testimony = await db.Testimonies.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (testimony is null)
        {
            return TypedResults.NotFound();
        }

        var reports = await db.TestimonyReports.AsNoTracking().Where(r => r.TestimonyId == id).OrderBy(r => r.ReportedAt)
            .Select(r => new Report(r.Reason, r.Note, r.ReportedAt)).ToListAsync(cancellationToken);
        var audit = await db.ModerationAudit.AsNoTracking().Where(a => a.TestimonyId == id).OrderBy(a => a.Id)
            .Select(a => new AuditEntry(a.Actor, a.Action, a.Detail, a.At)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Response(ModerationView.From(testimony), reports, audit));
    }
}
