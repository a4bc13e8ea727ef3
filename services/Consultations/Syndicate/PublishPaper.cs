using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>
/// An editor publishes a submitted paper (once, under the paper's row lock): it joins the public paper pages and
/// ResearchPaperPublished goes out through the outbox, so Media drafts a story for journalists.
/// </summary>
internal static class PublishPaper
{
    public static async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var paper = await db.ResearchPapers.FromSql($"""SELECT * FROM research_papers WHERE "Id" = {id} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);
        if (paper is null)
        {
            return TypedResults.NotFound();
        }

        if (paper.State != ReviewState.Submitted)
        {
            return ConsultationProblems.Conflict("The paper is not waiting for review.", $"It is {paper.State.ToWire()}.");
        }

        var member = await db.SyndicateMembers.AsNoTracking().SingleAsync(m => m.Id == paper.MemberId, cancellationToken);
        var institution = member.InstitutionId is { } i ? await db.Partners.AsNoTracking().Where(p => p.Id == i).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var consultation = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == paper.ConsultationId, cancellationToken);
        var session = await db.AgendaSessions.AsNoTracking().SingleAsync(s => s.Id == paper.SessionId, cancellationToken);
        var now = clock.GetUtcNow();
        paper.State = ReviewState.Published;
        paper.PublishedAt = now;
        paper.PublishedBy = user.Actor();
        paper.UpdatedAt = now;
        db.StageEvent(new ResearchPaperPublished(
            paper.Id, consultation.Id, consultation.Title, session.Title, paper.Title, paper.Abstract, member.Name, institution,
            consultation.Themes, consultation.ResolvedRegion, paper.Licence, $"/api/consultations/public/syndicate/papers/{paper.Id}", now));
        db.EvictSyndicateAfterCommit();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(PaperResponse.From(paper, paper.Pdf?.LongLength));
    }
}
