using System.Security.Claims;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Privacy;

namespace Iom.Consultations.Forums;

/// <summary>pending → published. A text with personal-data flags is published only with acknowledgeFlags (as for testimonies).</summary>
internal static class ApproveContribution
{
    public sealed record Request(bool? AcknowledgeFlags) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(false);
    }

    public static Task<IResult> HandleAsync(Guid id, Request? request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ModerateContribution.RunAsync(id, user, db, clock, cancellationToken, contribution =>
        {
            var flags = Screening.ScanField("text", contribution.Text);
            if (flags.Count > 0 && request?.AcknowledgeFlags != true)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The contribution has screening flags.",
                    detail: $"Flagged: {string.Join(", ", flags.Select(f => f.Kind).Distinct())}. Reject it, or approve with acknowledgeFlags: true.");
            }

            contribution.State = ContributionState.Published;
            return null;
        });
}
