using Iom.Consultations.Calendar;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;

namespace Iom.Consultations.Lifecycle;

/// <summary>
/// One move of a consultation's status, as Open, Close and Hold make it: the row locked in a transaction, the move
/// checked against <see cref="ConsultationStatuses.CanMoveTo"/>, the step's own effect (an event to stage), the commit, and the
/// public calendar evicted. 404 for an unknown id, 409 (ProblemDetails) for a move the status does not allow.
/// </summary>
internal static class ConsultationTransition
{
    public static async Task<Results<Ok<ConsultationResponse>, NotFound, ProblemHttpResult>> MoveAsync(
        Guid id,
        ConsultationStatus target,
        ConsultationsDbContext db,
        TimeProvider clock,
        IOutputCacheStore cache,
        Func<Consultation, DateTimeOffset, Task> alongside,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consultation = await db.LockConsultationAsync(id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (!consultation.Status.CanMoveTo(target))
        {
            return ConsultationProblems.IllegalTransition(consultation, target);
        }

        var now = clock.GetUtcNow();
        await alongside(consultation, now);
        consultation.Status = target;
        consultation.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublicCalendar.EvictAsync(cache, cancellationToken);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }
}
