using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;

namespace Iom.Consultations.Lifecycle;

/// <summary>open-for-registration → registration-closed (no event: nothing outside needs it).</summary>
internal static class CloseRegistration
{
    public static Task<Results<Ok<ConsultationResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, ConsultationsDbContext db, TimeProvider clock, IOutputCacheStore cache, CancellationToken cancellationToken) =>
        ConsultationTransition.MoveAsync(id, ConsultationStatus.RegistrationClosed, db, clock, cache, (_, _) => Task.CompletedTask, cancellationToken);
}
