using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Invitations;

/// <summary>Observer organisations are invited automatically to IDM events and migration governance consultations.</summary>
internal static class ObserverInvitations
{
    public const string ObserverReason = "observer";

    /// <summary>A newly scheduled consultation of an inviting kind: invite every active observer.</summary>
    public static async Task InviteObserversAsync(ConsultationsDbContext db, Consultation consultation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!ConsultationKinds.ObserversInvited.Contains(consultation.Kind))
        {
            return;
        }

        var observers = await db.Partners.Where(p => p.IsObserver && p.Status == PartnerStatus.Active).Select(p => p.Id).ToListAsync(cancellationToken);
        db.Invitations.AddRange(observers.Select(o => new Invitation { ConsultationId = consultation.Id, OrganizationId = o, Reason = ObserverReason, InvitedAt = now }));
    }

    /// <summary>A partner just became an observer: invite it to every upcoming consultation of an inviting kind.</summary>
    public static async Task InviteToUpcomingAsync(ConsultationsDbContext db, Guid partnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kinds = ConsultationKinds.ObserversInvited.ToList();
        var upcoming = await db.Consultations
            .Where(c => kinds.Contains(c.Kind)
                && (c.Status == ConsultationStatus.Draft || c.Status == ConsultationStatus.OpenForRegistration || c.Status == ConsultationStatus.RegistrationClosed)
                && !db.Invitations.Any(i => i.ConsultationId == c.Id && i.OrganizationId == partnerId))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        db.Invitations.AddRange(upcoming.Select(c => new Invitation { ConsultationId = c, OrganizationId = partnerId, Reason = ObserverReason, InvitedAt = now }));
    }
}
