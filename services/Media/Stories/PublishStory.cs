using System.Security.Claims;
using Iom.Media.Data;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Media.Stories;

/// <summary>Publish now (from draft, scheduled or embargoed): StoryPublished, the feeds are evicted and the stream told.</summary>
internal static class PublishStory
{
    public static Task<Results<Ok<StoryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, MediaDbContext db, StoryLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        StoryProblems.TransitionAsync(id, db, story => lifecycle.Publish(db, story, user.Actor()), cancellationToken);
}
