using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Reference;
using Iom.Data;
using Iom.Messaging;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>An organiser opens the iDiaspora forum of a consultation: topics (a question each), dates, languages. One per consultation.</summary>
internal static class OpenForum
{
    public sealed record Topic(string? Title, string? Question);

    public sealed record Request(string? Title, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, IReadOnlyList<string>? Languages, IReadOnlyList<Topic>? Topics) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("iDiaspora: diaspora voices for the Global Compact for Migration", ExampleDates.At(1, 8), ExampleDates.At(31, 18), ["en", "fr", "es"], [new Topic("Remittances and investment", "What would make it easier for your community to invest in your country of origin?"), new Topic("Skills and knowledge transfer", "How could diaspora professionals share their skills with institutions back home?")]);
    }

    public static async Task<Results<Created<ForumResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var topics = request.Topics ?? [];
        var languages = request.Languages ?? [];
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Title) && request.Title.Trim().Length <= 300, "title", "A title of at most 300 characters is required.")
            .Require(request.OpensAt is not null, "opensAt", "The opening date is required.")
            .Require(request.ClosesAt is not null, "closesAt", "The closing date is required.")
            .Require(request.OpensAt is null || request.ClosesAt is null || request.OpensAt < request.ClosesAt, "closesAt", "The forum must close after it opens.")
            .Require(languages.Count is >= 1 and <= 20, "languages", "Between 1 and 20 languages.")
            .Require(languages.All(Languages.IsKnown), "languages", "Each language must be an ISO 639-1 code.")
            .Require(topics.Count is >= 1 and <= 20, "topics", "Between 1 and 20 topics.")
            .Require(topics.All(t => t is not null && !string.IsNullOrWhiteSpace(t.Title) && t.Title.Trim().Length <= 200), "topics", "Each topic needs a title of at most 200 characters.")
            .Require(topics.All(t => t is not null && !string.IsNullOrWhiteSpace(t.Question) && t.Question.Trim().Length <= 1000), "topics", "Each topic needs a question of at most 1000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.MayManage(consultation))
        {
            return ConsultationAccess.Forbidden(consultation, "open its forum");
        }

        if (consultation.Status == ConsultationStatus.Cancelled)
        {
            return ConsultationProblems.Conflict("The consultation is cancelled.", "A cancelled consultation gets no forum.");
        }

        var forum = new Forum
        {
            Id = Guid.CreateVersion7(),
            ConsultationId = id,
            Title = request.Title!.Trim(),
            OpensAt = request.OpensAt!.Value,
            ClosesAt = request.ClosesAt!.Value,
            Languages = [.. languages.Select(l => l.ToLowerInvariant()).Distinct()],
            CreatedAt = clock.GetUtcNow(),
        };
        var rows = topics.Select((t, i) => new ForumTopic { Id = Guid.CreateVersion7(), ForumId = forum.Id, Title = t.Title!.Trim(), Question = t.Question!.Trim(), Position = i }).ToList();
        db.Forums.Add(forum);
        db.ForumTopics.AddRange(rows);
        db.EvictAfterCommit();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ConsultationProblems.Conflict("The consultation already has a forum.", "A consultation has one iDiaspora forum.");
        }

        return TypedResults.Created($"/api/consultations/public/forums/{forum.Id}", ForumResponse.From(forum, rows));
    }
}
