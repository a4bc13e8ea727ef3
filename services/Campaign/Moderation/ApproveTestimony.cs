using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Privacy;
using Iom.ServiceDefaults.Security;

namespace Iom.Campaign.Moderation;

/// <summary>
/// A moderator approves a pending (or held) testimony: published at once for the purposes its author consented to,
/// or scheduled (publishAt, e.g. the launch on International Migrants Day). Screening flags left in the text to be
/// published must be acknowledged explicitly.
/// </summary>
internal static class ApproveTestimony
{
    public sealed record Request(DateTimeOffset? PublishAt, bool? AcknowledgeFlags, string? Note) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(null, false, "Approved for the campaign app and press partners.");
    }

    public static Task<IResult> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, CampaignDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        errors.Require(request.PublishAt is null || request.PublishAt <= now.AddYears(1), "publishAt", "Publishing can be scheduled at most a year ahead.");
        errors.Require(request.Note is null || request.Note.Length <= 1000, "note", "The note is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return Task.FromResult<IResult>(errors.ToProblem());
        }

        return ModerationAction.RunAsync(id, db, cancellationToken, testimony =>
        {
            if (!testimony.CanBeApproved)
            {
                return Publishing.IllegalTransition(testimony, "approved");
            }

            var flags = Screening.Scan(testimony.PublicTitle, testimony.PublicStory);
            if (flags.Count > 0 && request.AcknowledgeFlags != true)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The text to be published has screening flags.",
                    detail: $"Flagged: {string.Join(", ", flags.Select(f => f.Kind).Distinct())}. Redact them, or approve with acknowledgeFlags: true.");
            }

            var actor = user.Actor();
            testimony.ModerationNote = request.Note?.Trim() ?? testimony.ModerationNote;
            if (request.PublishAt is { } at && at > now)
            {
                testimony.State = TestimonyState.Scheduled;
                testimony.PublishAt = at;
                testimony.UpdatedAt = now;
                Publishing.Audit(db, testimony.Id, actor, "scheduled", $"publish at {at:O}", now);
                return null;
            }

            Publishing.Audit(db, testimony.Id, actor, "approved", flags.Count > 0 ? $"flags acknowledged: {flags.Count}" : null, now);
            Publishing.Publish(db, testimony, actor, now, clock);
            return null;
        });
    }
}
