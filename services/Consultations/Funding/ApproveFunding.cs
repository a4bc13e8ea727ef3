using System.Globalization;
using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Funding;

/// <summary>
/// IOM approves travel support. With the consultation's row locked, approvals are taken one at a time and their
/// sum never exceeds the travel budget, whatever arrives at once.
/// </summary>
internal static class ApproveFunding
{
    public static async Task<Results<Ok<FundingRequestResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Guid fundingRequestId, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consultation = await db.LockConsultationAsync(id, cancellationToken);
        var funding = consultation is null ? null
            : await db.FundingRequests.FirstOrDefaultAsync(f => f.Id == fundingRequestId && f.ConsultationId == id, cancellationToken);
        if (consultation is null || funding is null)
        {
            return TypedResults.NotFound();
        }

        if (funding.Status != FundingStatus.Requested)
        {
            return ConsultationProblems.Conflict("The request is already decided.", $"It was {funding.Status.ToWire()}.");
        }

        var approved = await db.FundingRequests.Where(f => f.ConsultationId == id && f.Status == FundingStatus.Approved).SumAsync(f => f.Amount, cancellationToken);
        if (approved + funding.Amount > consultation.TravelBudget)
        {
            return ConsultationProblems.Conflict(
                "The travel budget would be exceeded.",
                string.Create(CultureInfo.InvariantCulture, $"{funding.Amount:0.00} requested, {consultation.TravelBudget - approved:0.00} of {consultation.TravelBudget:0.00} left."));
        }

        funding.Status = FundingStatus.Approved;
        funding.DecidedAt = clock.GetUtcNow();
        funding.DecidedBy = user.Actor();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(FundingRequestResponse.From(funding));
    }
}
