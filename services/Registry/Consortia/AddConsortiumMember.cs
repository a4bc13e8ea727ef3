using System.Security.Claims;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Consortia;

/// <summary>
/// Records that an organisation is a member of an NGO consortium from a date (to an optional date, inclusive).
/// The consortium must be of type ngo-consortium; a member's periods in one consortium may not overlap.
/// </summary>
internal static class AddConsortiumMember
{
    public sealed record Request(Guid? MemberId, DateOnly? From, DateOnly? To) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("3f2b8c1e-5a47-4d0e-9b6a-1c2d3e4f5a6b"), ExampleDates.Today, null);
    }

    public sealed record Response(Guid Id, Guid ConsortiumId, Guid MemberId, DateOnly From, DateOnly? To);

    public static async Task<Results<Created<Response>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Require(request.MemberId is not null, "memberId", "The member organisation's id is required.");
        errors.Require(request.MemberId != id, "memberId", "A consortium cannot be a member of itself.");
        errors.Require(request.From is not null, "from", "The start date is required (yyyy-mm-dd).");
        errors.Require(request.To is null || request.From is null || request.To >= request.From, "to", "The end date is before the start date.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var consortium = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Type }).FirstOrDefaultAsync(cancellationToken);
        if (consortium is null)
        {
            return TypedResults.NotFound();
        }

        if (consortium.Type != OrganizationType.NgoConsortium)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The organisation is not an NGO consortium.");
        }

        if (!await db.Organizations.AnyAsync(o => o.Id == request.MemberId, cancellationToken))
        {
            return errors.Add("memberId", "No organisation has this id.").ToProblem();
        }

        var to = request.To ?? DateOnly.MaxValue;
        var overlaps = await db.ConsortiumMemberships.AnyAsync(
            m => m.ConsortiumId == id && m.MemberId == request.MemberId && m.From <= to && (m.To == null || m.To >= request.From), cancellationToken);
        if (overlaps)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The membership overlaps another period of the same member.");
        }

        var membership = new ConsortiumMembership { Id = Guid.CreateVersion7(), ConsortiumId = id, MemberId = request.MemberId!.Value, From = request.From!.Value, To = request.To };
        db.ConsortiumMemberships.Add(membership);
        db.Audit(id, user.Actor(), "member-added", ["members"], clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/registry/organizations/{id}/members", new Response(membership.Id, id, membership.MemberId, membership.From, membership.To));
    }
}
