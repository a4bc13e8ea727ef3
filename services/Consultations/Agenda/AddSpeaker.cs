using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Agenda;

/// <summary>Seat a registered participant as a speaker of a session (the participant becomes a panelist).</summary>
internal static class AddSpeaker
{
    public sealed record Request(Guid? RegistrationId) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("e4d3c2b1-a098-4f7e-8d6c-5b4a39281706"));
    }

    public static async Task<Results<Ok<SessionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Guid sessionId, Request request, ClaimsPrincipal user, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var session = consultation is null ? null : await db.AgendaSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.ConsultationId == id, cancellationToken);
        if (consultation is null || session is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.MayManage(consultation))
        {
            return ConsultationAccess.Forbidden(consultation, "change the agenda");
        }

        if (request.RegistrationId is not { } registrationId)
        {
            return new ValidationErrors().Add("registrationId", "The registration is required.").ToProblem();
        }

        var (speakers, errors) = await Speakers.LoadAsync(db, id, [registrationId], "registrationId", cancellationToken);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (consultation.Status is ConsultationStatus.Cancelled or ConsultationStatus.OutcomePublished)
        {
            return ConsultationProblems.Conflict("The agenda is closed.", $"The consultation is '{consultation.Status.ToWire()}'.");
        }

        if (!session.SpeakerRegistrationIds.Contains(registrationId))
        {
            session.SpeakerRegistrationIds = [.. session.SpeakerRegistrationIds, registrationId];
        }

        speakers[0].Panelist = true;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await Speakers.ToResponseAsync(db, session, cancellationToken));
    }
}
