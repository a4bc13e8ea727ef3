using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Funding;

internal static class ListFundingRequests
{
    public sealed record Response(decimal TravelBudget, decimal Approved, decimal Remaining, IReadOnlyList<FundingRequestResponse> Requests);

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(Guid id, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        var requests = await db.FundingRequests.AsNoTracking().Where(f => f.ConsultationId == id).OrderBy(f => f.RequestedAt).ToListAsync(cancellationToken);
        var approved = requests.Where(f => f.Status == FundingStatus.Approved).Sum(f => f.Amount);
        return TypedResults.Ok(new Response(consultation.TravelBudget, approved, consultation.TravelBudget - approved, requests.Select(FundingRequestResponse.From).ToList()));
    }
}
