using System.Security.Claims;
using Iom.Campaign.Data;
using Iom.Campaign.Testimonies;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;

namespace Iom.Campaign.Moderation;

/// <summary>
/// A moderator edits a testimony for safety (redacts names, places): the edit is what gets published; the
/// author's original stays, visible to moderators only. Null leaves a field as it is; "" reverts to the original.
/// </summary>
internal static class EditTestimony
{
    public sealed record Request(string? Title, string? Story) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Learning to teach again in Lyon", "When I arrived in Lyon I could not work as a teacher. Today I help other newcomers learn French at the community centre every Saturday.");
    }

    public static Task<IResult> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, CampaignDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var title = request.Title?.Trim();
        var story = request.Story?.Trim();
        var errors = new ValidationErrors()
            .Require(request.Title is not null || request.Story is not null, "story", "Send the edited title, story or both.")
            .Require(title is null || title.Length <= TestimonyInput.MaxTitleLength, "title", $"The title is longer than {TestimonyInput.MaxTitleLength} characters.")
            .Require(story is null || story.Length <= TestimonyInput.MaxStoryLength, "story", $"The story is longer than {TestimonyInput.MaxStoryLength} characters.");
        if (!errors.IsValid)
        {
            return Task.FromResult<IResult>(errors.ToProblem());
        }

        return ModerationAction.RunAsync(id, db, cancellationToken, testimony =>
        {
            if (!testimony.CanBeEdited)
            {
                return Publishing.IllegalTransition(testimony, "edited");
            }

            var now = clock.GetUtcNow();
            var fields = new List<string>();
            if (title is not null)
            {
                testimony.RedactedTitle = title.Length == 0 || title == testimony.Title ? null : title;
                fields.Add("title");
            }

            if (story is not null)
            {
                testimony.RedactedStory = story.Length == 0 || story == testimony.Story ? null : story;
                fields.Add("story");
            }

            testimony.UpdatedAt = now;
            Publishing.Audit(db, testimony.Id, user.Actor(), "edited", $"fields: {string.Join(", ", fields)}", now);
            return null;
        }, decidesReports: false);
    }
}
