using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Moderation;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Iom.Campaign.Public;

/// <summary>
/// Anyone reading the app reports a published testimony (e.g. it identifies someone): every report puts it in the
/// moderation queue at once; it leaves the public listing (TestimonyUnpublished) only when distinct reporters reach
/// Campaign:Reports:TakedownThreshold, or when a moderator decides. So one anonymous caller cannot take testimonies
/// down. A repeated report by the same reporter (see <see cref="Reporter"/>) does not count twice.
/// </summary>
internal static partial class ReportTestimony
{
    public sealed record Request(string? Reason, string? Note) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("personal-information", "The story gives the author's street and the name of her employer.");
    }

    public sealed record Response(Guid TestimonyId, string Message);

    public static async Task<IResult> HandleAsync(
        Guid id, Request request, HttpContext http, CampaignDbContext db, Reporter reporter, IOptions<ReportOptions> options,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var errors = new ValidationErrors()
            .Require(ReportReasons.IsKnown(request.Reason), "reason", $"The reason must be one of: {string.Join(", ", ReportReasons.All)}.")
            .Require(note is null || note.Length <= 1000, "note", "The note is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var hash = reporter.Hash(id, http.Connection.RemoteIpAddress);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReportAsync(id, request.Reason!, note, hash, options.Value.TakedownThreshold, db, clock, loggers.CreateLogger(nameof(ReportTestimony)), cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Another report (or a moderator) changed it at the same moment: count again.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same reporter's report arrived twice at once: it counts once.
                return Received(id);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Publishing.ConcurrentChange();
            }
        }
    }

    private static async Task<IResult> ReportAsync(
        Guid id, string reason, string? note, byte[] hash, int threshold, CampaignDbContext db, TimeProvider clock, ILogger logger,
        CancellationToken cancellationToken)
    {
        var testimony = await db.Testimonies.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (testimony is null || !testimony.IsShownInApp)
        {
            return TypedResults.NotFound();
        }

        var reporters = await db.TestimonyReports.Where(r => r.TestimonyId == id && r.ReporterHash != null).Select(r => r.ReporterHash!).ToListAsync(cancellationToken);
        if (reporters.Any(r => r.AsSpan().SequenceEqual(hash)))
        {
            return Received(id);
        }

        var now = clock.GetUtcNow();
        db.TestimonyReports.Add(new TestimonyReport { Id = Guid.CreateVersion7(now), TestimonyId = id, Reason = reason, Note = note, ReportedAt = now, ReporterHash = hash });
        testimony.ReportCount++; // changes the row's version: concurrent reports are counted one after the other
        Publishing.Audit(db, id, "public", "reported", reason, now);
        var takenDown = reporters.Count + 1 >= threshold;
        if (takenDown)
        {
            Publishing.Unpublish(db, testimony, TestimonyState.Pending, $"reported: {reason}", now, clock);
            testimony.QueuedAt = now;
            testimony.FlaggedAt = null;
            Publishing.Audit(db, id, "public", "unpublished", $"{reporters.Count + 1} reporters", now);
        }
        else if (testimony.FlaggedAt is null)
        {
            testimony.FlaggedAt = now;
            testimony.QueuedAt = now;
            testimony.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogReported(logger, id, reason, takenDown);
        return takenDown
            ? TypedResults.Accepted((string?)null, new Response(id, "Thank you. The testimony was taken down and will be reviewed by a moderator."))
            : Received(id);
    }

    private static IResult Received(Guid id) =>
        TypedResults.Accepted((string?)null, new Response(id, "Thank you. A moderator will review the testimony."));

    [LoggerMessage(Level = LogLevel.Information, Message = "Testimony {TestimonyId} reported ({Reason}) and queued for moderation; taken down: {TakenDown}")]
    private static partial void LogReported(ILogger logger, Guid testimonyId, string reason, bool takenDown);
}
