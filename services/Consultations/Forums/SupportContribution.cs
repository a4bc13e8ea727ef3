using System.Security.Claims;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Data;
using Iom.Messaging;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.Privacy;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>
/// +1 on a published contribution, once per caller: a signed-in caller once per token subject; an anonymous caller
/// once per receipt of a contribution of the same forum (X-Receipt-Id and X-Receipt-Secret) — individuals who took
/// part support without an account, and nothing identifying is stored (docs/adr/0009-idiaspora-receipts-and-syndicate-invitations.md).
/// </summary>
internal static class SupportContribution
{
    public const string ReceiptIdHeader = "X-Receipt-Id";

    public sealed record Response(Guid ContributionId, int Supports);

    public static Task<IResult> AsCallerAsync(Guid id, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        SupportAsync(id, "sub:" + user.Actor(), null, db, clock, cancellationToken);

    public static async Task<IResult> WithReceiptAsync(Guid id, HttpContext http, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(http.Request.Headers[ReceiptIdHeader].ToString(), out var receiptId))
        {
            return new ValidationErrors().Add(ReceiptIdHeader, "The receipt id of a contribution of this forum is required to support anonymously.").ToProblem();
        }

        var receipt = await db.ForumContributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == receiptId, cancellationToken);
        if (!ConsentReceipt.Matches(receipt?.SecretHash, http.Request.Headers[ViewContributionReceipt.SecretHeader].ToString()) || receipt!.State == ContributionState.Withdrawn)
        {
            return ViewContributionReceipt.NoMatch();
        }

        return await SupportAsync(id, "receipt:" + receiptId, receipt.ForumId, db, clock, cancellationToken);
    }

    private static async Task<IResult> SupportAsync(Guid id, string supporter, Guid? receiptForum, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var contribution = await db.ForumContributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.State == ContributionState.Published, cancellationToken);
        if (contribution is null)
        {
            return TypedResults.NotFound();
        }

        if (receiptForum is { } forum && forum != contribution.ForumId)
        {
            return ContributionRules.NotAllowed("A receipt supports contributions of its own forum.");
        }

        db.ForumSupports.Add(new ForumSupport { ContributionId = id, SupporterKey = supporter, SupportedAt = clock.GetUtcNow() });
        db.EvictAfterCommit();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Lifecycle.ConsultationProblems.Conflict("Already supported.", "Each caller supports a contribution once.");
        }

        var count = await db.ForumSupports.CountAsync(s => s.ContributionId == id, cancellationToken);
        return TypedResults.Ok(new Response(id, count));
    }
}
