using Iom.Consultations.Calendar;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;

namespace Iom.Consultations.Lifecycle;

/// <summary>open-for-registration → registration-closed (no event: nothing outside needs it).</summary>
internal static class CloseRegistration
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

        if (!consultation.Status.CanMoveTo(ConsultationStatus.RegistrationClosed))
        {
            return ConsultationProblems.IllegalTransition(consultation, ConsultationStatus.RegistrationClosed);
        }

        consultation.Status = ConsultationStatus.RegistrationClosed;
        consultation.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublicCalendar.EvictAsync(cache, cancellationToken);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }
}
