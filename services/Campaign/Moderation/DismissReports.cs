using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;

namespace Iom.Campaign.Moderation;

/// <summary>
/// A moderator reviews a published testimony the public reported and keeps it published: the reports are decided
/// (the reporters' hashes erased) and it leaves the queue. Later reports count afresh.
/// </summary>
internal static class DismissReports
{
    public sealed record Request(string? Note) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Reviewed: the story names no person and no address.");
    }

    public static Task<IResult> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, CampaignDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var note = request.Note?.Trim();
        var errors = new ValidationErrors().Require(note is null || note.Length <= 1000, "note", "The note is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return Task.FromResult<IResult>(errors.ToProblem());
        }

        return ModerationAction.RunAsync(id, db, cancellationToken, testimony =>
        {
            if (testimony.State != TestimonyState.Published || testimony.FlaggedAt is null)
            {
                return Publishing.IllegalTransition(testimony, "kept after reports (it is not a reported, published testimony)");
            }

            var now = clock.GetUtcNow();
            testimony.UpdatedAt = now;
            Publishing.Audit(db, testimony.Id, user.Actor(), "reports-dismissed", string.IsNullOrEmpty(note) ? null : note, now);
            return null;
        });
    }
}
