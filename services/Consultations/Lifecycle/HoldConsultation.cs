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
    public static Task<Results<Ok<ConsultationResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, ConsultationsDbContext db, TimeProvider clock, IOutputCacheStore cache, CancellationToken cancellationToken) =>
        ConsultationTransition.MoveAsync(id, ConsultationStatus.Held, db, clock, cache, async (consultation, now) =>
        {
            var attended = db.Registrations.Where(r => r.ConsultationId == id && r.Status == RegistrationStatus.Registered && r.CheckedInAt != null);
            var participants = await attended.CountAsync(cancellationToken);
            var speakers = await attended.CountAsync(r => r.Panelist, cancellationToken);
            db.StageEvent(new ConsultationHeld(consultation.Id, now, participants, speakers));
        }, cancellationToken);
}
