using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Registrations;

/// <summary>
/// A partner suspended or archived in the Registry loses its pending registrations (those of consultations not
/// yet held): each is cancelled (RegistrationCancelled) and freed seats go to the waitlist. Runs inside the
/// consumer's transaction, locking each consultation in id order (no deadlock with registrations).
/// </summary>
internal static class PartnerRegistrationsCancellation
{
    public static async Task CancelPendingAsync(ConsultationsDbContext db, Guid partnerId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var consultationIds = await db.Registrations
            .Where(r => r.OrganizationId == partnerId && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted))
            .Select(r => r.ConsultationId).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        foreach (var consultationId in consultationIds)
        {
            var consultation = await db.LockConsultationAsync(consultationId, cancellationToken);
            if (consultation is null || !consultation.IsUpcoming)
            {
                continue;
            }

            var pending = await db.Registrations
                .Where(r => r.ConsultationId == consultationId && r.OrganizationId == partnerId && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted))
                .OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
            foreach (var registration in pending)
            {
                registration.Status = RegistrationStatus.Cancelled;
                registration.CancelledAt = now;
                registration.CancellationReason = reason;
                db.StageEvent(new RegistrationCancelled(registration.Id, consultationId, partnerId, reason, now));
            }

            await Waitlist.PromoteAsync(db, consultation, now, cancellationToken);
        }
    }
}
