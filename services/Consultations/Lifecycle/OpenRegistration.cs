using Iom.Consultations.Calendar;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;

namespace Iom.Consultations.Lifecycle;

/// <summary>draft → open-for-registration; stages RegistrationOpened.</summary>
internal static class OpenRegistration
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

        if (!consultation.Status.CanMoveTo(ConsultationStatus.OpenForRegistration))
        {
            return ConsultationProblems.IllegalTransition(consultation, ConsultationStatus.OpenForRegistration);
        }

        consultation.Status = ConsultationStatus.OpenForRegistration;
        consultation.UpdatedAt = clock.GetUtcNow();
        db.StageEvent(new RegistrationOpened(consultation.Id, consultation.RegistrationDeadline, consultation.Capacity));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublicCalendar.EvictAsync(cache, cancellationToken);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }
}
