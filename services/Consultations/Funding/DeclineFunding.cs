using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Funding;

internal static class DeclineFunding
{
    public static async Task<Results<Ok<FundingRequestResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Guid fundingRequestId, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var funding = await db.FundingRequests.FirstOrDefaultAsync(f => f.Id == fundingRequestId && f.ConsultationId == id, cancellationToken);
        if (funding is null)
        {
            return TypedResults.NotFound();
        }

        if (funding.Status != FundingStatus.Requested)
        {
            return ConsultationProblems.Conflict("The request is already decided.", $"It was {funding.Status.ToWire()}.");
        }

        funding.Status = FundingStatus.Declined;
        funding.DecidedAt = clock.GetUtcNow();
        funding.DecidedBy = user.Actor();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(FundingRequestResponse.From(funding));
    }
}
