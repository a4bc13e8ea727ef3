using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>
/// A diaspora organisation contributes through its focal point. The organisation must be an active partner known
/// from the Registry's events (as for registrations). The contribution waits for moderation.
/// </summary>
internal static class ContributeForOrganization
{
    public static async Task<IResult> HandleAsync(
        Guid forumId, ContributionRules.Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ContributionRules.Validate(request)
            .Require(request.OrganizationId is not null && request.OrganizationId != Guid.Empty, "organizationId", "The organisation is required.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var organizationId = request.OrganizationId!.Value;
        if (!(user.IsInRole(SuiteRoles.CsoFocalPoint) && user.OrganizationId() == organizationId))
        {
            return ContributionRules.NotAllowed("An organisation contributes through its own focal point.");
        }

        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == organizationId, cancellationToken);
        if (partner is null)
        {
            return new ValidationErrors().Add("organizationId", $"Organisation {organizationId} is not a partner known to the Registry.").ToProblem();
        }

        if (partner.Status != PartnerStatus.Active)
        {
            return ConsultationProblems.Conflict("The organisation may not contribute.", $"The organisation is {partner.Status.ToWire()} in the Registry.");
        }

        var (contribution, problem) = await ContributionRules.BuildAsync(forumId, request, organizationId, null, db, clock.GetUtcNow(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        db.ForumContributions.Add(contribution!);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consultations/forum-contributions/{contribution!.Id}", ContributionResponse.From(contribution, partner.Name, 0));
    }
}
