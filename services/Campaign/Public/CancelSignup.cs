using Iom.Campaign.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Public;

/// <summary>
/// A person cancels their sign-up with the sign-up id the sign-up returned (random, unguessable: the id is the
/// credential, like a receipt). The row goes — name and contact with it — and the place is free again, in one
/// transaction; an unknown or already cancelled id is a 404.
/// </summary>
internal static partial class CancelSignup
{
    public sealed record Response(Guid SignupId, Guid ActionId, DateTimeOffset CancelledAt, string Message);

    public static async Task<IResult> HandleAsync(
        Guid signupId, CampaignDbContext db, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var signup = await db.Signups.FirstOrDefaultAsync(s => s.Id == signupId, cancellationToken);
        if (signup is null)
        {
            return TypedResults.NotFound();
        }

        await db.VolunteerActions.Where(a => a.Id == signup.ActionId && a.SignupCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SignupCount, a => a.SignupCount - 1), cancellationToken);
        db.Signups.Remove(signup);
        db.EvictAfterCommit(PublicCache.Actions);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var now = clock.GetUtcNow();
        LogCancelled(loggers.CreateLogger(nameof(CancelSignup)), signup.ActionId, signupId);
        return TypedResults.Ok(new Response(signupId, signup.ActionId, now, "Your sign-up is cancelled; your name and contact are deleted."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-up {SignupId} for volunteer action {ActionId} cancelled by the volunteer")]
    private static partial void LogCancelled(ILogger logger, Guid actionId, Guid signupId);
}
