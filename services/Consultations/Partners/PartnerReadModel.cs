using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Consultations.Registrations;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Partners;

/// <summary>
/// Registry → Consultations: the local partner read model, kept by Messaging's <see cref="OutOfOrderEvents"/> rule: a
/// status event before PartnerRegistered leaves a placeholder with that status, the registration fills in the profile
/// without overriding a later status.
/// </summary>
internal static class PartnerReadModel
{
    public const string PlaceholderName = "Partner organisation";

    public static Partner Placeholder(Guid id) => new() { Id = id, Name = PlaceholderName, Type = "", Country = "", Status = PartnerStatus.Active };

    /// <summary>
    /// The partner an event is about, or null. The row is locked (FOR UPDATE) at once: a registration in flight for this
    /// partner (which holds it FOR SHARE) either commits first, and is then seen and cancelled, or waits and then sees
    /// the new status.
    /// </summary>
    public static Task<Partner?> FindForUpdateAsync(ConsultationsDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        db.Partners.FromSql($"""SELECT * FROM partners WHERE "Id" = {partnerId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);

    /// <summary>The partner a flag event (observer status) is about: a placeholder if it is not registered here yet.</summary>
    public static async Task<Partner> FindOrPlaceholderAsync(ConsultationsDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        await FindForUpdateAsync(db, partnerId, cancellationToken)
        ?? db.AddPlaceholder<Partner, PartnerStatus>(() => Placeholder(partnerId));

    public static async Task RegisterAsync(ConsultationsDbContext db, PartnerRegistered message, CancellationToken cancellationToken)
    {
        var found = await FindForUpdateAsync(db, message.PartnerId, cancellationToken);
        var partner = db.ApplyRegistration(found, () => Placeholder(message.PartnerId), p =>
        {
            p.Name = message.Name;
            p.Acronym = message.Acronym;
            p.Type = message.Type;
            p.Country = message.Country;
        }, PartnerStatus.Active, message.RegisteredAt);
        partner.UpdatedAt = message.RegisteredAt > partner.UpdatedAt ? message.RegisteredAt : partner.UpdatedAt;
    }

    /// <summary>A reinstatement: the partner may register again (cancelled registrations stay cancelled); a later suspension stands.</summary>
    public static async Task ReinstateAsync(ConsultationsDbContext db, Guid partnerId, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.ApplyStatusEvent(await FindForUpdateAsync(db, partnerId, cancellationToken), () => Placeholder(partnerId), PartnerStatus.Active, at);

    /// <summary>
    /// A suspension or an archival: the partner may no longer register and its pending registrations are cancelled —
    /// unless a later status event (a reinstatement) was applied already.
    /// </summary>
    public static async Task EndParticipationAsync(ConsultationsDbContext db, Guid partnerId, PartnerStatus status, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        var (_, applied) = db.ApplyStatusEvent(await FindForUpdateAsync(db, partnerId, cancellationToken), () => Placeholder(partnerId), status, at);
        if (applied)
        {
            await PartnerRegistrationsCancellation.CancelPendingAsync(db, partnerId, reason, at, cancellationToken);
        }
    }
}
