using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Consultations.Registrations;
using Iom.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Partners;

internal static class PartnerReadModel
{
    /// <summary>
    /// The partner a status event is about. Events of one partner travel on different queues, so a status change
    /// can overtake PartnerRegistered: throwing lets the consumer's retry wait for it (then the error queue).
    /// </summary>
    /// The row is locked (FOR UPDATE) at once: a registration in flight for this partner (which holds it FOR SHARE)
    /// either commits first, and is then seen and cancelled, or waits and then sees the new status.
    public static async Task<Partner> RequireAsync(ConsultationsDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        await db.Partners.FromSql($"""SELECT * FROM partners WHERE "Id" = {partnerId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken)
        ?? throw new InvalidOperationException($"Partner {partnerId} is not in the read model yet.");

    /// <summary>
    /// A suspension or an archival: the partner may no longer register and its pending registrations are cancelled —
    /// unless a later status event (a reinstatement) was applied already.
    /// </summary>
    public static async Task EndParticipationAsync(ConsultationsDbContext db, Guid partnerId, PartnerStatus status, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        var partner = await RequireAsync(db, partnerId, cancellationToken);
        if (partner.ApplyStatus(status, at))
        {
            await PartnerRegistrationsCancellation.CancelPendingAsync(db, partnerId, reason, at, cancellationToken);
        }
    }
}
