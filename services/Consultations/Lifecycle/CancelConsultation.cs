using Iom.Consultations.Calendar;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Lifecycle;

/// <summary>Cancel before it is held; every active registration is cancelled with it (RegistrationCancelled each, then ConsultationCancelled).</summary>
internal static class CancelConsultation
{
    public sealed record Request(string? Reason) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Postponed: the venue in Nairobi is no longer available on these dates; a new date will be announced.");
    }

    public static async Task<Results<Ok<ConsultationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ConsultationsDbContext db, TimeProvider clock, IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "A reason is required.")
            .Require(request.Reason is null || request.Reason.Trim().Length <= 500, "reason", "The reason is longer than 500 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consultation = await db.LockConsultationAsync(id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (!consultation.Status.CanMoveTo(ConsultationStatus.Cancelled))
        {
            return ConsultationProblems.IllegalTransition(consultation, ConsultationStatus.Cancelled);
        }

        var now = clock.GetUtcNow();
        var active = await db.Registrations
            .Where(r => r.ConsultationId == id && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted))
            .OrderBy(r => r.Sequence)
            .ToListAsync(cancellationToken);
        foreach (var registration in active)
        {
            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAt = now;
            registration.CancellationReason = "consultation-cancelled";
            db.StageEvent(new RegistrationCancelled(registration.Id, id, registration.OrganizationId, "consultation-cancelled", now));
        }

        consultation.Status = ConsultationStatus.Cancelled;
        consultation.CancellationReason = request.Reason!.Trim();
        consultation.UpdatedAt = now;
        db.StageEvent(new ConsultationCancelled(consultation.Id, consultation.CancellationReason, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublicCalendar.EvictAsync(cache, cancellationToken);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }
}
