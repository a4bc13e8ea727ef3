using System.Security.Claims;
using Iom.Registry.Data;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Consortia;

/// <summary>Ends an open membership on a date (inclusive), not before it began.</summary>
internal static class EndConsortiumMembership
{
    public sealed record Request(DateOnly? To) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(ExampleDates.Today);
    }

    public static async Task<Results<Ok<AddConsortiumMember.Response>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Guid membershipId, Request request, ClaimsPrincipal user, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require(request.To is not null, "to", "The end date is required (yyyy-mm-dd).");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var membership = await db.ConsortiumMemberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.ConsortiumId == id, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }

        if (membership.To is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The membership has already ended.");
        }

        if (request.To < membership.From)
        {
            return errors.Add("to", "The end date is before the membership began.").ToProblem();
        }

        membership.To = request.To;
        db.Audit(id, user.Actor(), "member-ended", ["members"], clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AddConsortiumMember.Response(membership.Id, id, membership.MemberId, membership.From, membership.To));
    }
}
