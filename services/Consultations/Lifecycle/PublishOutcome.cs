using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Consultations.Lifecycle;

/// <summary>held → outcome-published, once: the outcome document and ConsultationOutcomePublished (Media turns it into a story).</summary>
internal static class PublishOutcome
{
    public sealed record Request(string? Summary, IReadOnlyList<string>? Recommendations) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Delegates from 38 organisations agreed on priorities for the Global Compact for Migration review: safe labour pathways, skills recognition and protection of migrants in vulnerable situations.", ["Include migrant organisations in national review processes.", "Fund legal aid desks for migrant domestic workers."]);
    }

    public static async Task<Results<Ok<ConsultationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var recommendations = request.Recommendations ?? [];
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Summary), "summary", "A summary is required.")
            .Require(request.Summary is null || request.Summary.Length <= 20_000, "summary", "The summary is longer than 20000 characters.")
            .Require(recommendations.Count <= 200, "recommendations", "At most 200 recommendations.")
            .Require(recommendations.All(r => !string.IsNullOrWhiteSpace(r) && r.Length <= 4000), "recommendations", "Each recommendation must be a non-empty text of at most 4000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consultation = await db.LockConsultationAsync(id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (consultation.Status == ConsultationStatus.OutcomePublished)
        {
            return ConsultationProblems.Conflict("The outcome is already published.", $"The outcome of this consultation was published at {consultation.OutcomePublishedAt:O}; it is published once.");
        }

        if (!consultation.Status.CanMoveTo(ConsultationStatus.OutcomePublished))
        {
            return ConsultationProblems.IllegalTransition(consultation, ConsultationStatus.OutcomePublished);
        }

        var now = clock.GetUtcNow();
        consultation.Status = ConsultationStatus.OutcomePublished;
        consultation.OutcomeSummary = request.Summary!.Trim();
        consultation.OutcomeRecommendations = recommendations.Select(r => r.Trim()).ToList();
        consultation.OutcomePublishedAt = now;
        consultation.UpdatedAt = now;
        db.StageEvent(new ConsultationOutcomePublished(
            consultation.Id, consultation.Kind, consultation.Title, consultation.Themes, consultation.ResolvedRegion,
            consultation.OutcomeSummary, consultation.OutcomeRecommendations, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }
}
