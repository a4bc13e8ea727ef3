using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Registrations;

/// <summary>
/// Fills free seats from the waitlist in arrival order. Call with the consultation's row locked, after the
/// tracked changes that freed seats: tracked entities keep their in-memory state, so nothing needs saving first.
/// </summary>
internal static class Waitlist
{
    public static async Task PromoteAsync(ConsultationsDbContext db, Consultation consultation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await db.Registrations
            .Where(r => r.ConsultationId == consultation.Id && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted))
            .ToListAsync(cancellationToken);
        var seated = active.Count(r => r.Status == RegistrationStatus.Registered);
        var free = Math.Max(0, consultation.Capacity - seated);
        foreach (var next in active.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Sequence).Take(free))
        {
            next.Status = RegistrationStatus.Registered;
            next.PromotedAt = now;
            db.StageEvent(new ParticipantPromoted(next.Id, consultation.Id, next.OrganizationId, now));
        }
    }
}
