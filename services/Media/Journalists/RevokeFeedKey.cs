using Iom.Contracts.Media;
using Iom.Media.Data;
using Iom.Media.Feeds;
using Iom.Messaging;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Journalists;

/// <summary>
/// Revoke a feed key: stored as revoked with JournalistKeyRevoked in one commit; right after the commit the key is
/// blocked in Redis, so the next request with it (on any replica) gets 401.
/// </summary>
internal static class RevokeFeedKey
{
    public sealed record Request(string? Reason) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("The key was shared outside the newsroom.");
    }

    public static async Task<Results<Ok<FeedKeyResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Guid keyId, Request request, MediaDbContext db, FeedKeyValidator keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Reason is null || request.Reason.Trim().Length <= 500, "reason", "The reason is longer than 500 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var key = await db.FeedKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.JournalistId == id, cancellationToken);
        if (key is null)
        {
            return TypedResults.NotFound();
        }

        if (key.RevokedAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The key is already revoked.");
        }

        key.RevokedAt = clock.GetUtcNow();
        key.RevokedReason = string.IsNullOrWhiteSpace(request.Reason) ? "revoked" : request.Reason.Trim();
        db.StageEvent(new JournalistKeyRevoked(id, key.Id, key.RevokedReason, key.RevokedAt.Value), clock);
        var hash = key.Hash;
        db.AfterCommit(_ => keys.BlockAsync([hash]));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(FeedKeyResponse.From(key));
    }
}
