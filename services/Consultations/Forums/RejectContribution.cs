using System.Security.Claims;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;

namespace Iom.Consultations.Forums;

/// <summary>pending → rejected, with a reason the contributor sees on their receipt.</summary>
public static class RejectContribution
{
    public sealed record Request(string? Reason);

    public static async Task<IResult> HandleAsync(Guid id, Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Reason) && request.Reason.Trim().Length <= 500, "reason", "A reason of at most 500 characters is required.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        return await ModerateContribution.RunAsync(id, user, db, clock, cancellationToken, contribution =>
        {
            contribution.State = ContributionState.Rejected;
            contribution.RejectionReason = request.Reason!.Trim();
            return null;
        });
    }
}
