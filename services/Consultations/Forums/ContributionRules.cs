using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>What an organisation's and an individual's contribution share: the text, the topic, the language, the reply rule.</summary>
internal static class ContributionRules
{
    public const int TextMax = 5000;

    /// <summary>The organisation in the focal points' example.</summary>
    public static readonly Guid ExampleOrganization = Guid.Parse("3f2b8c1e-5a47-4d0e-9b6a-1c2d3e4f5a6b");

    public sealed record Request(Guid? TopicId, Guid? ParentId, string? CountryOfOrigin, string? Language, string? Text, Guid? OrganizationId = null) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("c0ffee00-1234-4abc-8def-0123456789ab"), null, "SN", "fr", "Les frais d'envoi d'argent restent trop élevés : une plateforme commune entre banques et opérateurs mobiles aiderait nos familles au Sénégal.");
    }

    public static ValidationErrors Validate(Request request) => new ValidationErrors()
        .Require(request.TopicId is not null && request.TopicId != Guid.Empty, "topicId", "The topic is required.")
        .Require(Countries.IsKnown(request.CountryOfOrigin), "countryOfOrigin", $"'{request.CountryOfOrigin}' is not an ISO 3166-1 alpha-2 country code.")
        .Require(Languages.IsKnown(request.Language), "language", $"'{request.Language}' is not an ISO 639-1 language code.")
        .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "The text is required.")
        .Require(request.Text is null || request.Text.Trim().Length <= TextMax, "text", $"The text is longer than {TextMax} characters.");

    /// <summary>Checks the request against the forum (open, its topic, its languages, a reply to a published top-level contribution) and builds the row.</summary>
    public static async Task<(ForumContribution? Contribution, IResult? Problem)> BuildAsync(
        Guid forumId, Request request, Guid? organizationId, byte[]? secretHash, ConsultationsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var forum = await db.Forums.AsNoTracking().FirstOrDefaultAsync(f => f.Id == forumId, cancellationToken);
        if (forum is null)
        {
            return (null, TypedResults.NotFound());
        }

        var language = request.Language!.ToLowerInvariant();
        var errors = new ValidationErrors()
            .Require(await db.ForumTopics.AnyAsync(t => t.Id == request.TopicId && t.ForumId == forumId, cancellationToken), "topicId", "The topic is not one of this forum's.")
            .Require(forum.Languages.Contains(language), "language", $"This forum takes contributions in: {string.Join(", ", forum.Languages)}.");
        if (request.ParentId is { } parentId)
        {
            var parent = await db.ForumContributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId && c.ForumId == forumId, cancellationToken);
            errors.Require(parent is not null && parent.State == ContributionState.Published, "parentId", "A reply answers a published contribution of this forum.");
            errors.Require(parent is null || parent.ParentId is null, "parentId", "Replies are one level deep: a reply cannot be answered.");
            errors.Require(parent is null || parent.TopicId == request.TopicId, "parentId", "A reply belongs to the topic of the contribution it answers.");
        }

        if (!errors.IsValid)
        {
            return (null, errors.ToProblem());
        }

        if (!forum.IsOpen(now))
        {
            return (null, ConsultationProblems.Conflict("The forum is not open.", $"It takes contributions from {forum.OpensAt:O} until {forum.ClosesAt:O}."));
        }

        return (new ForumContribution
        {
            Id = Guid.CreateVersion7(),
            ForumId = forumId,
            TopicId = request.TopicId!.Value,
            ParentId = request.ParentId,
            OrganizationId = organizationId,
            SecretHash = secretHash,
            CountryOfOrigin = request.CountryOfOrigin!.ToUpperInvariant(),
            Language = language,
            Text = request.Text!.Trim(),
            State = ContributionState.Pending,
            SubmittedAt = now,
        }, null);
    }

    public static ProblemHttpResult NotAllowed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed on this forum.", detail: detail);
}
