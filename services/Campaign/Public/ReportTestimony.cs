using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Public;

/// <summary>
/// Anyone reading the app reports a published testimony (e.g. it identifies someone): it is taken down at once and
/// goes back to the moderation queue (TestimonyUnpublished).
/// </summary>
public static partial class ReportTestimony
{
    public sealed record Request(string? Reason, string? Note);

    public sealed record Response(Guid TestimonyId, string Message);

    public static async Task<IResult> HandleAsync(
        Guid id, Request request, CampaignDbContext db, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var errors = new ValidationErrors()
            .Require(ReportReasons.IsKnown(request.Reason), "reason", $"The reason must be one of: {string.Join(", ", ReportReasons.All)}.")
            .Require(note is null || note.Length <= 1000, "note", "The note is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var testimony = await db.Testimonies.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (testimony is null || !testimony.IsShownInApp)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        db.TestimonyReports.Add(new TestimonyReport { Id = Guid.CreateVersion7(now), TestimonyId = id, Reason = request.Reason!, Note = note, ReportedAt = now });
        Publishing.Unpublish(db, testimony, TestimonyState.Pending, $"reported: {request.Reason}", now, clock);
        testimony.QueuedAt = now;
        testimony.ReportCount++;
        Publishing.Audit(db, id, "public", "reported", request.Reason, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Taken down by someone else at the same moment (another report, a moderator, the author): nothing left to do.
            return TypedResults.NotFound();
        }

        LogReported(loggers.CreateLogger(nameof(ReportTestimony)), id, request.Reason!);
        return TypedResults.Accepted((string?)null, new Response(id, "Thank you. The testimony was taken down and will be reviewed by a moderator."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Testimony {TestimonyId} reported ({Reason}) and back in the moderation queue")]
    private static partial void LogReported(ILogger logger, Guid testimonyId, string reason);
}
