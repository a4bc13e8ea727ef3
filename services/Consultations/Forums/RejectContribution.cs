using System.Security.Claims;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;

namespace Iom.Consultations.Forums;

/// <summary>pending → rejected, with a reason the contributor sees on their receipt.</summary>
internal static class RejectContribution
{
    public sealed record Request(string? Reason) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("The contribution gives a private phone number; please resubmit it without personal contact details.");
    }

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
