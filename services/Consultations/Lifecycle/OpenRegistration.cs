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
    public static Task<Results<Ok<ConsultationResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, ConsultationsDbContext db, TimeProvider clock, IOutputCacheStore cache, CancellationToken cancellationToken) =>
        ConsultationTransition.MoveAsync(id, ConsultationStatus.OpenForRegistration, db, clock, cache, (consultation, _) =>
        {
            db.StageEvent(new RegistrationOpened(consultation.Id, consultation.RegistrationDeadline, consultation.Capacity));
            return Task.CompletedTask;
        }, cancellationToken);
}
