using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>
/// A member recommends a read for policymakers on a consultation: title, authors, year, DOI or URL, why it matters.
/// At most three per member and consultation (counted under the member's row lock). It waits for editorial review.
/// </summary>
internal static class RecommendRead
{
    public const int PerConsultation = 3;

    public sealed record Request(Guid? ConsultationId, string? Title, IReadOnlyList<string>? Authors, int? Year, string? Doi, string? Url, string? WhyItMatters) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), "Atlas of Environmental Migration", ["Dina Ionesco", "Daria Mokhnacheva", "François Gemenne"], 2017, "10.4324/9781315777313", null, "Maps the evidence on climate-related displacement that policymakers need before they negotiate commitments on environmental migration.");
    }

    public static async Task<IResult> HandleAsync(Request request, HttpContext http, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (member, unauthorized) = await SyndicateToken.MemberAsync(http, db, cancellationToken);
        if (unauthorized is not null)
        {
            return unauthorized;
        }

        var now = clock.GetUtcNow();
        var authors = request.Authors ?? [];
        var doi = ReadReferences.NormalizeDoi(request.Doi);
        var errors = new ValidationErrors()
            .Require(request.ConsultationId is not null && request.ConsultationId != Guid.Empty, "consultationId", "The consultation is required.")
            .Require(!string.IsNullOrWhiteSpace(request.Title) && request.Title.Trim().Length <= 500, "title", "A title of at most 500 characters is required.")
            .Require(authors.Count is >= 1 and <= 50 && authors.All(a => !string.IsNullOrWhiteSpace(a) && a.Trim().Length <= 200), "authors", "Between 1 and 50 authors, each a name of at most 200 characters.")
            .Require(request.Year is not null && request.Year >= 1800 && request.Year <= now.Year + 1, "year", $"A year between 1800 and {now.Year + 1} is required.")
            .Require(string.IsNullOrWhiteSpace(request.Doi) || doi is not null, "doi", $"'{request.Doi}' is not a DOI (10.NNNN/suffix).")
            .Require(string.IsNullOrWhiteSpace(request.Url) || ReadReferences.IsWebUrl(request.Url), "url", "The URL must be an absolute http(s) address of at most 2000 characters.")
            .Require(!string.IsNullOrWhiteSpace(request.Doi) || !string.IsNullOrWhiteSpace(request.Url), "doi", "A DOI or a URL is required.")
            .Require(!string.IsNullOrWhiteSpace(request.WhyItMatters) && request.WhyItMatters.Trim().Length <= 2000, "whyItMatters", "Why it matters, in at most 2000 characters, is required.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.ConsultationId, cancellationToken);
        if (consultation is null || consultation.Status == ConsultationStatus.Cancelled)
        {
            return new ValidationErrors().Add("consultationId", "No consultation (that is not cancelled) has this id.").ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM syndicate_members WHERE "Id" = {member!.Id} FOR UPDATE""", cancellationToken);
        var count = await db.RecommendedReads.CountAsync(r => r.MemberId == member.Id && r.ConsultationId == consultation.Id, cancellationToken);
        if (count >= PerConsultation)
        {
            return ConsultationProblems.Conflict("Three reads already.", $"A member recommends at most {PerConsultation} reads per consultation; withdraw one first.");
        }

        var read = new RecommendedRead
        {
            Id = Guid.CreateVersion7(),
            MemberId = member.Id,
            ConsultationId = consultation.Id,
            Title = request.Title!.Trim(),
            Authors = [.. authors.Select(a => a.Trim())],
            Year = request.Year!.Value,
            Doi = doi,
            Url = string.IsNullOrWhiteSpace(request.Url) ? null : request.Url.Trim(),
            WhyItMatters = request.WhyItMatters!.Trim(),
            State = ReviewState.Submitted,
            SubmittedAt = now,
        };
        db.RecommendedReads.Add(read);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/consultations/syndicate/me/reads/{read.Id}", ReadResponse.From(read, member.Name));
    }
}
