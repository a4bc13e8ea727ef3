using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Inputs;

/// <summary>
/// A participating organisation sends a written input (text, themes, region). Participating: it convenes, is
/// invited or has a delegate registered — or the consultation is online, where anyone active may contribute
/// (a consultation can collect inputs without meeting in person).
/// </summary>
internal static class SubmitInput
{
    public sealed record Request(Guid? OrganizationId, string? Text, IReadOnlyList<string>? Themes, string? Region) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("3f2b8c1e-5a47-4d0e-9b6a-1c2d3e4f5a6b"), "Migrant associations in Kenya and Uganda ask that regular pathways for labour migration include recognition of skills gained abroad and access to legal aid for domestic workers.", ["migration-governance", "advocacy"], "Sub-Saharan Africa");
    }

    public sealed record Response(Guid Id, Guid ConsultationId, Guid OrganizationId, string Text, IReadOnlyList<string> Themes, string Region, DateTimeOffset SubmittedAt)
    {
        public static Response From(Submission s) => new(s.Id, s.ConsultationId, s.OrganizationId, s.Text, s.Themes, s.Region, s.SubmittedAt);
    }

    public static async Task<Results<Created<Response>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.OrganizationId is not null && request.OrganizationId != Guid.Empty, "organizationId", "The organisation is required.")
            .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "The text is required.")
            .Require(request.Text is null || request.Text.Length <= 20_000, "text", "The text is longer than 20000 characters.")
            .Require(Countries.IsRegion(request.Region?.Trim()), "region", $"'{request.Region}' is not a UN M49 region or sub-region.");
        foreach (var theme in request.Themes ?? [])
        {
            errors.Require(Themes.IsKnown(theme?.Trim()), "themes", $"Unknown theme '{theme}'.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var organizationId = request.OrganizationId!.Value;
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.IsOrganizer() && !(user.IsInRole(SuiteRoles.CsoFocalPoint) && user.OrganizationId() == organizationId))
        {
            return ConsultationAccess.Forbidden(consultation, "send inputs for this organisation");
        }

        if (consultation.Status is not (ConsultationStatus.OpenForRegistration or ConsultationStatus.RegistrationClosed or ConsultationStatus.Held))
        {
            return ConsultationProblems.Conflict("Inputs are not collected now.", $"The consultation is '{consultation.Status.ToWire()}'.");
        }

        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == organizationId, cancellationToken);
        if (partner is null)
        {
            return new ValidationErrors().Add("organizationId", $"Organisation {organizationId} is not a partner known to the Registry.").ToProblem();
        }

        if (partner.Status != PartnerStatus.Active)
        {
            return ConsultationProblems.Conflict("The organisation may not send inputs.", $"The organisation is {partner.Status.ToWire()} in the Registry.");
        }

        var participates = consultation.Online || consultation.IsConvener(organizationId)
            || await db.Invitations.AnyAsync(i => i.ConsultationId == id && i.OrganizationId == organizationId, cancellationToken)
            || await db.Registrations.AnyAsync(r => r.ConsultationId == id && r.OrganizationId == organizationId && r.Status != RegistrationStatus.Cancelled, cancellationToken);
        if (!participates)
        {
            return ConsultationProblems.Conflict("The organisation does not participate.", "Inputs come from convening, invited or registered organisations (or anyone, for an online consultation).");
        }

        var region = Countries.Regions.Concat(Countries.SubRegions).First(r => string.Equals(r, request.Region!.Trim(), StringComparison.OrdinalIgnoreCase));
        var submission = new Submission
        {
            Id = Guid.CreateVersion7(),
            ConsultationId = id,
            OrganizationId = organizationId,
            Text = request.Text!.Trim(),
            Themes = (request.Themes ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList(),
            Region = region,
            SubmittedAt = clock.GetUtcNow(),
        };
        db.Submissions.Add(submission);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consultations/{id}/inputs/{submission.Id}", Response.From(submission));
    }
}
