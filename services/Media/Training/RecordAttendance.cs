using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Media.Feeds;
using Iom.Messaging;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Training;

/// <summary>
/// Record a journalist's attendance and completion of a session. Completion can be what grants embargo access
/// (Media:Embargo:RequireTraining), so the journalist's key entries in Redis are dropped after the commit.
/// </summary>
internal static class RecordAttendance
{
    public sealed record Request(Guid? JournalistId, bool? Attended, bool? Completed) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("a7b6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d"), true, true);
    }

    public static async Task<Results<Ok<TrainingSessionResponse>, ValidationProblem, NotFound>> HandleAsync(
        Guid id, Request request, MediaDbContext db, FeedKeyValidator keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.JournalistId is not null, "journalistId", "The journalist is required.");
        errors.Require(request.Completed != true || request.Attended != false, "completed", "A journalist who did not attend cannot complete the session.");
        if (request.JournalistId is { } jid)
        {
            errors.Require(await db.Journalists.AnyAsync(j => j.Id == jid, cancellationToken), "journalistId", "No journalist with this id.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var session = await db.TrainingSessions.Include(s => s.Attendance).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        var journalistId = request.JournalistId!.Value;
        var completed = request.Completed ?? false;
        var attendance = session.Attendance.FirstOrDefault(a => a.JournalistId == journalistId);
        if (attendance is null)
        {
            attendance = new TrainingAttendance { SessionId = id, JournalistId = journalistId };
            session.Attendance.Add(attendance);
        }

        attendance.Attended = request.Attended ?? true || completed;
        attendance.Completed = completed;
        attendance.RecordedAt = clock.GetUtcNow();
        var hashes = await db.FeedKeys.Where(k => k.JournalistId == journalistId && k.RevokedAt == null).Select(k => k.Hash).ToListAsync(cancellationToken);
        db.AfterCommit(_ => keys.ForgetAsync(hashes));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TrainingSessionResponse.From(session));
    }
}
