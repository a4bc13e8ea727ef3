using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>
/// A member drafts a short technical paper tied to a session of a GCM thematic consultation: title, abstract,
/// Markdown body, licence. The PDF is attached separately; the draft goes to review when the member submits it.
/// </summary>
internal static class DraftPaper
{
    public const string GcmThematicKind = "thematic-consultation";

    public sealed record Request(Guid? ConsultationId, Guid? SessionId, string? Title, string? Abstract, string? Body, string? Licence) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), Guid.Parse("b5d3c2a1-9f8e-4d7c-a6b5-c4d3e2f1a0b9"), "Labour mobility and skills partnerships: what the evidence says", "Skills partnerships between countries of origin and destination can reduce recruitment costs for migrant workers; this paper reviews twelve pilots.", "## Findings\n\nTwelve skills partnership pilots were reviewed. Where training was recognised in both countries, recruitment costs paid by workers fell.", "CC-BY-4.0");
    }

    public static async Task<IResult> HandleAsync(Request request, HttpContext http, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (member, unauthorized) = await SyndicateToken.MemberAsync(http, db, cancellationToken);
        if (unauthorized is not null)
        {
            return unauthorized;
        }

        var errors = PaperInput.Validate(new PaperInput.Fields(request.Title, request.Abstract, request.Body, request.Licence))
            .Require(request.ConsultationId is not null && request.ConsultationId != Guid.Empty, "consultationId", "The consultation is required.")
            .Require(request.SessionId is not null && request.SessionId != Guid.Empty, "sessionId", "The thematic session is required.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.ConsultationId, cancellationToken);
        if (consultation is null || consultation.Kind != GcmThematicKind || consultation.Status == ConsultationStatus.Cancelled)
        {
            return new ValidationErrors().Add("consultationId", "No thematic consultation (that is not cancelled) has this id.").ToProblem();
        }

        if (!await db.AgendaSessions.AnyAsync(s => s.Id == request.SessionId && s.ConsultationId == consultation.Id, cancellationToken))
        {
            return new ValidationErrors().Add("sessionId", "The session is not on this consultation's agenda.").ToProblem();
        }

        var now = clock.GetUtcNow();
        var paper = new ResearchPaper
        {
            Id = Guid.CreateVersion7(),
            MemberId = member!.Id,
            ConsultationId = consultation.Id,
            SessionId = request.SessionId!.Value,
            Title = request.Title!.Trim(),
            Abstract = request.Abstract!.Trim(),
            BodyMarkdown = request.Body!,
            Licence = request.Licence!,
            State = ReviewState.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ResearchPapers.Add(paper);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consultations/syndicate/me/papers/{paper.Id}", PaperResponse.From(paper, null));
    }
}
