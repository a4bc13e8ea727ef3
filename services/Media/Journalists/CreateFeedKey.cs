using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Journalists;

/// <summary>Issue a feed key: the secret is in this response only; the database keeps its SHA-256.</summary>
internal static class CreateFeedKey
{
    public sealed record Request(string? Label, bool? EmbargoAccess) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Newsroom RSS reader", false);
    }

    public sealed record Response(Guid Id, Guid JournalistId, string Key, string? Label, bool EmbargoAccess, DateTimeOffset CreatedAt);

    public static async Task<Results<Created<Response>, ValidationProblem, NotFound>> HandleAsync(
        Guid id, Request request, MediaDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Label is null || request.Label.Trim().Length <= 100, "label", "The label is longer than 100 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (!await db.Journalists.AnyAsync(j => j.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var (key, secret) = Issue(id, request.Label, request.EmbargoAccess ?? false, clock.GetUtcNow());
        db.FeedKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/media/journalists/{id}/keys/{key.Id}", new Response(key.Id, id, secret, key.Label, key.EmbargoAccess, key.CreatedAt));
    }

    public static (FeedKey Key, string Secret) Issue(Guid journalistId, string? label, bool embargoAccess, DateTimeOffset now)
    {
        var secret = FeedKeySecret.New();
        return (new FeedKey
        {
            Id = Guid.CreateVersion7(),
            JournalistId = journalistId,
            Hash = FeedKeySecret.Hash(secret),
            Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
            EmbargoAccess = embargoAccess,
            CreatedAt = now,
        }, secret);
    }
}
