using Iom.Messaging;
using Iom.Contracts.Media;
using Iom.Contracts.Registry;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Media.Feeds;
using Iom.Messaging.Inbox;
using Iom.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Partners;

/// <summary>
/// Registry → Media: a media organisation enters the local read model (others are ignored), filling the placeholder a
/// status event may have left.
/// </summary>
public sealed class PartnerRegisteredConsumer(MediaDbContext db) : IdempotentConsumer<MediaDbContext, PartnerRegistered>(db)
{
    protected override async Task HandleAsync(PartnerRegistered message, ConsumeContext<PartnerRegistered> context)
    {
        if (!PartnerStatusChange.IsMedia(message.Type))
        {
            return;
        }

        var found = await PartnerStatusChange.FindForUpdateAsync(Db, message.PartnerId, context.CancellationToken);
        Db.ApplyRegistration(found, () => PartnerStatusChange.Placeholder(message.PartnerId), partner =>
        {
            partner.Name = message.Name;
            partner.Acronym = message.Acronym;
            partner.Country = message.Country;
            partner.Type = MediaPartner.MediaOrganisationType;
        }, PartnerStatus.Active, message.RegisteredAt); // a later suspension stands
    }
}

/// <summary>Registry → Media: a suspended media partner's journalists' keys stop working (until reinstated).</summary>
public sealed class PartnerSuspendedConsumer(MediaDbContext db, FeedKeyValidator keys) : IdempotentConsumer<MediaDbContext, PartnerSuspended>(db)
{
    protected override Task HandleAsync(PartnerSuspended message, ConsumeContext<PartnerSuspended> context) =>
        PartnerStatusChange.ApplyAsync(Db, keys, message.PartnerId, message.Type, PartnerStatus.Suspended, message.SuspendedAt, context.CancellationToken);
}

/// <summary>Registry → Media: an archived media partner's journalists' keys stop working for good.</summary>
public sealed class PartnerArchivedConsumer(MediaDbContext db, FeedKeyValidator keys) : IdempotentConsumer<MediaDbContext, PartnerArchived>(db)
{
    protected override Task HandleAsync(PartnerArchived message, ConsumeContext<PartnerArchived> context) =>
        PartnerStatusChange.ApplyAsync(Db, keys, message.PartnerId, message.Type, PartnerStatus.Archived, message.ArchivedAt, context.CancellationToken);
}

/// <summary>Registry → Media: a reinstated media partner's journalists' (unrevoked) keys work again.</summary>
public sealed class PartnerReinstatedConsumer(MediaDbContext db, FeedKeyValidator keys) : IdempotentConsumer<MediaDbContext, PartnerReinstated>(db)
{
    protected override Task HandleAsync(PartnerReinstated message, ConsumeContext<PartnerReinstated> context) =>
        PartnerStatusChange.ApplyAsync(Db, keys, message.PartnerId, message.Type, PartnerStatus.Active, message.ReinstatedAt, context.CancellationToken);
}

/// <summary>A status event, by Messaging's <see cref="OutOfOrderEvents"/> rule: before PartnerRegistered it leaves a placeholder.</summary>
internal static class PartnerStatusChange
{
    /// <summary>Type null: a placeholder, neither listed nor given journalists until PartnerRegistered fills it in.</summary>
    public static MediaPartner Placeholder(Guid id) => new() { Id = id, Name = "Partner organisation", Country = "", Status = PartnerStatus.Active };

    /// <summary>
    /// The partner an event is about, or null, locked (FOR UPDATE) until the consumer's transaction ends. Two status events
    /// of one partner arrive on separate queues at once: without the lock both read the same row and the one committing
    /// second writes its status over a newer one (a reinstated partner left suspended — found by bench/Chaos out-of-order).
    /// </summary>
    public static Task<MediaPartner?> FindForUpdateAsync(MediaDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        db.Partners.FromSql($"""SELECT * FROM partners WHERE "Id" = {partnerId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);

    public static bool IsMedia(string type) => string.Equals(type, MediaPartner.MediaOrganisationType, StringComparison.OrdinalIgnoreCase);

    public static async Task ApplyAsync(MediaDbContext db, FeedKeyValidator keys, Guid partnerId, string type, PartnerStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!IsMedia(type))
        {
            return; // not a media partner
        }

        var found = await FindForUpdateAsync(db, partnerId, cancellationToken);
        var (_, applied) = db.ApplyStatusEvent(found, () => Placeholder(partnerId), status, at);
        if (!applied || found is null)
        {
            return; // an older message than what we have, or a placeholder: no journalist belongs to it yet
        }

        var affected = await db.FeedKeys
            .Where(k => k.RevokedAt == null && db.Journalists.Any(j => j.Id == k.JournalistId && j.PartnerId == partnerId))
            .Select(k => new { k.Id, k.JournalistId, k.Hash }).ToListAsync(cancellationToken);
        if (status != PartnerStatus.Active)
        {
            var reason = status == PartnerStatus.Archived ? "media partner archived" : "media partner suspended";
            foreach (var key in affected)
            {
                db.StageEvent(new JournalistKeyRevoked(key.JournalistId, key.Id, reason, at));
            }
        }

        var hashes = affected.Select(k => k.Hash).ToList();
        db.AfterCommit(_ => status == PartnerStatus.Active ? keys.ForgetAsync(hashes) : keys.BlockAsync(hashes));
    }
}
