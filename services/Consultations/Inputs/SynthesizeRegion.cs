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

namespace Iom.Consultations.Inputs;

/// <summary>Consolidate a region's inputs into one synthesis that links every source submission of that region.</summary>
internal static class SynthesizeRegion
{
    public sealed record Request(string? Region, string? Text) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Sub-Saharan Africa", "Across the region, civil society asks for safer labour migration channels, skills recognition and protection for domestic workers, with migrant organisations at the table.");
    }

    public sealed record Response(Guid Id, Guid ConsultationId, string Region, string Text, IReadOnlyList<Guid> SourceSubmissionIds, DateTimeOffset CreatedAt)
    {
        public static Response From(RegionalSynthesis s) => new(s.Id, s.ConsultationId, s.Region, s.Text, s.SourceSubmissionIds, s.CreatedAt);
    }

    public static async Task<Results<Created<Response>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.MayManage(consultation))
        {
            return ConsultationAccess.Forbidden(consultation, "write regional syntheses");
        }

        var errors = new ValidationErrors()
            .Require(Countries.IsRegion(request.Region?.Trim()), "region", $"'{request.Region}' is not a UN M49 region or sub-region.")
            .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "The text is required.")
            .Require(request.Text is null || request.Text.Length <= 50_000, "text", "The text is longer than 50000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var region = Countries.Regions.Concat(Countries.SubRegions).First(r => string.Equals(r, request.Region!.Trim(), StringComparison.OrdinalIgnoreCase));
        var sources = await db.Submissions.Where(s => s.ConsultationId == id && s.Region == region).OrderBy(s => s.SubmittedAt).Select(s => s.Id).ToListAsync(cancellationToken);
        if (sources.Count == 0)
        {
            return ConsultationProblems.Conflict("Nothing to synthesise.", $"No input was submitted for {region}.");
        }

        var synthesis = new RegionalSynthesis { Id = Guid.CreateVersion7(), ConsultationId = id, Region = region, Text = request.Text!.Trim(), SourceSubmissionIds = sources, CreatedAt = clock.GetUtcNow() };
        db.RegionalSyntheses.Add(synthesis);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ConsultationProblems.Conflict("The region already has a synthesis.", $"{region} is already synthesised for this consultation.");
        }

        return TypedResults.Created($"/api/consultations/{id}/syntheses/{synthesis.Id}", Response.From(synthesis));
    }
}
