using System.Globalization;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Consortia;

/// <summary>The consortium's members as of a date (?asOf=yyyy-mm-dd, today by default).</summary>
internal static class ListConsortiumMembers
{
    public sealed record Member(Guid MembershipId, Guid Id, string Name, string? Acronym, string Country, DateOnly From, DateOnly? To);

    public sealed record Response(DateOnly AsOf, int Count, IReadOnlyList<Member> Members);

    public static async Task<Results<Ok<Response>, ValidationProblem, NotFound>> HandleAsync(
        Guid id, [FromQuery] string? asOf, RegistryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (asOf is not null && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return new FieldErrors().Add("asOf", "asOf must be a date (yyyy-mm-dd).").ToProblem();
        }

        if (!await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var members = await (
            from m in db.ConsortiumMemberships
            join o in db.Organizations on m.MemberId equals o.Id
            where m.ConsortiumId == id && m.From <= date && (m.To == null || m.To >= date)
            orderby o.NormalizedName, o.Id
            select new Member(m.Id, o.Id, o.Name, o.Acronym, o.Country, m.From, m.To)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Response(date, members.Count, members));
    }
}
