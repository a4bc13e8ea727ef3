using System.Security.Claims;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>
/// The organiser consolidates the forum into the consultation's input synthesis: a text and the published
/// contributions it used, each linked. Consolidating again replaces the text and the sources. Raises InputSynthesisConsolidated.
/// </summary>
internal static class ConsolidateForum
{
    public sealed record Request(string? Text, IReadOnlyList<Guid>? ContributionIds) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Contributors from West Africa and Europe ask for lower remittance costs and for diaspora investment funds backed by development banks.", [Guid.Parse("d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6")]);
    }

    public sealed record Source(Guid ContributionId, string Link);

    public sealed record Response(Guid Id, Guid ForumId, Guid ConsultationId, string Text, IReadOnlyList<Source> Sources, DateTimeOffset ConsolidatedAt)
    {
        public static Response From(ForumSynthesis s) => new(
            s.Id, s.ForumId, s.ConsultationId, s.Text,
            [.. s.SourceContributionIds.Select(id => new Source(id, $"/api/consultations/public/forum-contributions/{id}"))], s.ConsolidatedAt);
    }

    public static async Task<IResult> HandleAsync(Guid forumId, Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var ids = (request.ContributionIds ?? []).Distinct().ToList();
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "The text is required.")
            .Require(request.Text is null || request.Text.Length <= 50_000, "text", "The text is longer than 50000 characters.")
            .Require(ids.Count is >= 1 and <= 1000, "contributionIds", "Between 1 and 1000 contributions.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var (forum, problem) = await ForumAccess.ManagedAsync(forumId, user, db, "consolidate its forum", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var usable = await db.ForumContributions.Where(c => c.ForumId == forumId && c.State == ContributionState.Published && ids.Contains(c.Id))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var unusable = ids.Except(usable).ToList();
        if (unusable.Count > 0)
        {
            return new ValidationErrors().Add("contributionIds", $"Not published contributions of this forum: {string.Join(", ", unusable)}.").ToProblem();
        }

        var now = clock.GetUtcNow();
        var synthesis = await db.ForumSyntheses.FirstOrDefaultAsync(s => s.ForumId == forumId, cancellationToken);
        if (synthesis is null)
        {
            synthesis = new ForumSynthesis { Id = Guid.CreateVersion7(), ForumId = forumId, ConsultationId = forum!.ConsultationId, Text = string.Empty };
            db.ForumSyntheses.Add(synthesis);
        }

        synthesis.Text = request.Text!.Trim();
        synthesis.SourceContributionIds = ids;
        synthesis.ConsolidatedAt = now;
        db.StageEvent(new InputSynthesisConsolidated(synthesis.Id, synthesis.ConsultationId, forumId, synthesis.Text, ids, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Response.From(synthesis));
    }
}
