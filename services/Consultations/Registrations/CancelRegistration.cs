using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Registrations;

/// <summary>Withdraw a delegate (RegistrationCancelled); a freed seat goes to the first on the waitlist (ParticipantPromoted).</summary>
internal static class CancelRegistration
{
    public static async Task<Results<Ok<RegistrationResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Guid registrationId, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consultation = await db.LockConsultationAsync(id, cancellationToken);
        var registration = consultation is null ? null
            : await db.Registrations.FirstOrDefaultAsync(r => r.Id == registrationId && r.ConsultationId == id, cancellationToken);
        if (consultation is null || registration is null
            || (!user.IsStaff() && !user.SeesAllRegistrations(consultation) && user.OrganizationId() != registration.OrganizationId))
        {
            return TypedResults.NotFound();
        }

        if (!user.MayActForDelegatesOf(consultation, registration.OrganizationId))
        {
            return ConsultationAccess.Forbidden(consultation, "decide on registrations");
        }

        if (!consultation.IsUpcoming)
        {
            return ConsultationProblems.Conflict("The consultation is over.", $"Registrations of a consultation that is '{consultation.Status.ToWire()}' no longer change.");
        }

        if (!registration.IsActive)
        {
            return ConsultationProblems.Conflict("The registration is already cancelled.", $"It was cancelled at {registration.CancelledAt:O}.");
        }

        var now = clock.GetUtcNow();
        var reason = user.IsInRole(SuiteRoles.CsoFocalPoint) && user.OrganizationId() == registration.OrganizationId ? "withdrawn-by-organisation" : "cancelled-by-organizer";
        registration.Status = RegistrationStatus.Cancelled;
        registration.CancelledAt = now;
        registration.CancellationReason = reason;
        db.StageEvent(new RegistrationCancelled(registration.Id, id, registration.OrganizationId, reason, now));
        await Waitlist.PromoteAsync(db, consultation, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RegistrationResponse.From(registration));
    }
}
