using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Agenda;

/// <summary>Add a session or panel to the agenda, with its speakers (registered participants, marked panelists).</summary>
internal static class AddSession
{
    public sealed record Request(string? Title, string? Format, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<Guid>? SpeakerRegistrationIds) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Panel: labour mobility and skills partnerships", "panel", ExampleDates.At(60, 7), ExampleDates.At(60, 8, 30), []);
    }

    private static readonly string[] Formats = ["session", "panel"];

    public static async Task<Results<Created<SessionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.MayManage(consultation))
        {
            return ConsultationAccess.Forbidden(consultation, "change the agenda");
        }

        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Title), "title", "A title is required.")
            .Require(request.Title is null || request.Title.Trim().Length <= 300, "title", "The title is longer than 300 characters.")
            .Require(Formats.Contains(request.Format), "format", $"Unknown format '{request.Format}'. Known formats: session, panel.")
            .Require(request.StartsAt is not null, "startsAt", "A start is required.")
            .Require(request.EndsAt is not null, "endsAt", "An end is required.")
            .Require(request.StartsAt is null || request.EndsAt is null || request.EndsAt > request.StartsAt, "endsAt", "The end must come after the start.")
            .Require(request.StartsAt is null || (request.StartsAt >= consultation.StartsAt && request.StartsAt < consultation.EndsAt), "startsAt", "The session must start during the consultation.")
            .Require(request.EndsAt is null || request.EndsAt <= consultation.EndsAt, "endsAt", "The session must end by the end of the consultation.");
        var speakerIds = (request.SpeakerRegistrationIds ?? []).Distinct().ToList();
        var (speakers, speakerErrors) = await Speakers.LoadAsync(db, id, speakerIds, "speakerRegistrationIds", cancellationToken);
        if (!errors.IsValid || !speakerErrors.IsValid)
        {
            return (errors.IsValid ? speakerErrors : errors).ToProblem();
        }

        if (consultation.Status is ConsultationStatus.Cancelled or ConsultationStatus.OutcomePublished)
        {
            return ConsultationProblems.Conflict("The agenda is closed.", $"The consultation is '{consultation.Status.ToWire()}'.");
        }

        var session = new AgendaSession
        {
            Id = Guid.CreateVersion7(),
            ConsultationId = id,
            Title = request.Title!.Trim(),
            Format = request.Format!,
            StartsAt = request.StartsAt!.Value.ToUniversalTime(),
            EndsAt = request.EndsAt!.Value.ToUniversalTime(),
            SpeakerRegistrationIds = speakerIds,
        };
        db.AgendaSessions.Add(session);
        speakers.ForEach(s => s.Panelist = true);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consultations/{id}/agenda/{session.Id}", await Speakers.ToResponseAsync(db, session, cancellationToken));
    }
}
