using Iom.Consultations.Calendar;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Lifecycle;

/// <summary>registration-closed → held; stages ConsultationHeld with the attendance counted from check-ins.</summary>
internal static class HoldConsultation
{
    public static async Task<Results<Ok<ConsultationResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, ConsultationsDbContext db, TimeProvider clock, IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consultation = await db.LockConsultationAsync(id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (!consultation.Status.CanMoveTo(ConsultationStatus.Held))
        {
            return ConsultationProblems.IllegalTransition(consultation, ConsultationStatus.Held);
        }

        var attended = db.Registrations.Where(r => r.ConsultationId == id && r.Status == RegistrationStatus.Registered && r.CheckedInAt != null);
        var participants = await attended.CountAsync(cancellationToken);
        var speakers = await attended.CountAsync(r => r.Panelist, cancellationToken);
        var now = clock.GetUtcNow();
        consultation.Status = ConsultationStatus.Held;
        consultation.UpdatedAt = now;
        db.StageEvent(new ConsultationHeld(consultation.Id, now, participants, speakers));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublicCalendar.EvictAsync(cache, cancellationToken);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }
}
