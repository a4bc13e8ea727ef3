using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Campaign.Retention;
using Iom.Contracts.Campaign;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Receipts;

/// <summary>
/// The author withdraws consent with the receipt: for some purposes (e.g. press only), or all. Complete withdrawal
/// unpublishes at once, erases the personal content leaving a tombstone, and stages ConsentWithdrawn (ids and
/// purposes only) so every other service removes its copy; the author gets a confirmation.
/// </summary>
internal static partial class WithdrawConsent
{
    public sealed record Request(string? Secret, bool? All, IReadOnlyList<string?>? Purposes) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("kq3V9xR2bT7mW4pZ8nL1", false, ["social-media"]);
    }

    public sealed record Confirmation(
        Guid TestimonyId,
        string State,
        IReadOnlyList<string> WithdrawnPurposes,
        IReadOnlyList<string> RemainingConsents,
        bool Complete,
        DateTimeOffset? WithdrawnAt,
        string Message);

    public static async Task<IResult> HandleAsync(
        Guid id, Request request, CampaignDbContext db, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrEmpty(request.Secret), "secret", "The receipt secret is required.");
        var all = request.All == true;
        var requested = request.Purposes ?? [];
        errors.Require(all || requested.Count > 0, "purposes", "Name the purposes to withdraw, or set all: true to withdraw everything.");
        errors.Require(!(all && requested.Count > 0), "purposes", "Either all: true or a list of purposes, not both.");
        foreach (var purpose in requested.Where(p => !ConsentPurposes.IsKnown(p?.Trim())))
        {
            errors.Add("purposes", $"Unknown purpose '{purpose}'. Known purposes: {string.Join(", ", ConsentPurposes.All)}.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WithdrawAsync(id, request.Secret!, all, requested, db, clock, loggers.CreateLogger(nameof(WithdrawConsent)), cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A moderator acted at the same moment: consent wins, so read again and withdraw.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<IResult> WithdrawAsync(
        Guid id, string secret, bool all, IReadOnlyList<string?> requested, CampaignDbContext db, TimeProvider clock, ILogger logger,
        CancellationToken cancellationToken)
    {
        var testimony = await db.Testimonies.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (!ConsentReceipt.Matches(testimony?.SecretHash, secret))
        {
            return ViewReceipt.NoMatch();
        }

        if (testimony!.State == TestimonyState.Withdrawn)
        {
            return TypedResults.Ok(new Confirmation(testimony.Id, testimony.State.ToWire(), [], [], true, testimony.WithdrawnAt,
                "Your consent was already withdrawn completely and your testimony erased."));
        }

        var purposes = all
            ? [.. testimony.Consents]
            : ConsentPurposes.All.Where(p => requested.Any(r => string.Equals(r?.Trim(), p, StringComparison.OrdinalIgnoreCase)) && testimony.Consents.Contains(p)).ToList();
        if (purposes.Count == 0)
        {
            return TypedResults.Ok(new Confirmation(testimony.Id, testimony.State.ToWire(), [], testimony.Consents, false, null,
                "You had not consented to these purposes; nothing changed."));
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var remaining = testimony.Consents.Except(purposes, StringComparer.Ordinal).ToList();
        var complete = remaining.Count == 0;
        if (testimony.IsShownInApp)
        {
            db.EvictAfterCommit(PublicCache.Testimonies);
        }

        if (complete)
        {
            testimony.Erase(now);
            // Reports, audit notes, the published content in the outbox (sent, or not yet: an unsent copy never
            // leaves) and the stored answer of the submission go with it. ConsentWithdrawn tells receivers of an
            // earlier copy to drop it.
            await TestimonyErasure.EraseCopiesAsync(db, [id], cancellationToken);
        }
        else
        {
            testimony.Consents = remaining;
            testimony.UpdatedAt = now;
        }

        db.ModerationAudit.Add(new ModerationAuditEntry
        {
            TestimonyId = id,
            Actor = "author",
            Action = "consent-withdrawn",
            Detail = $"{(complete ? "complete" : "partial")}: {string.Join(", ", purposes)}",
            At = now,
        });
        db.StageEvent(new ConsentWithdrawn(id, purposes, complete, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogWithdrawn(logger, id, purposes.Count, complete);

        return TypedResults.Ok(new Confirmation(
            id, testimony.State.ToWire(), purposes, remaining, complete, complete ? now : null,
            complete
                ? "Your consent is withdrawn: your testimony was taken down and its content erased. Partners who received it are told to remove it."
                : $"Your consent is withdrawn for: {string.Join(", ", purposes)}. Partners who received it for these purposes are told to remove it."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consent withdrawn for testimony {TestimonyId}: {PurposeCount} purposes, complete {Complete}")]
    private static partial void LogWithdrawn(ILogger logger, Guid testimonyId, int purposeCount, bool complete);
}
