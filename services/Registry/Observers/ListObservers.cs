using Iom.Registry.Data;
using Iom.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Observers;

/// <summary>The current IOM Council observers and how many there are, in one query (count(*) OVER ()).</summary>
internal static class ListObservers
{
    public sealed record Observer(Guid Id, string Name, string? Acronym, string Type, string Country, DateOnly? ObserverSince);

    public sealed record Response(long Count, IReadOnlyList<Observer> Items);

    private sealed record Row(Guid Id, string Name, string? Acronym, string Type, string Country, DateOnly? ObserverSince, long Count);

    public static async Task<Ok<Response>> HandleAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT id AS "Id", name AS "Name", acronym AS "Acronym", type AS "Type", country AS "Country",
                   observer_since AS "ObserverSince", count(*) OVER () AS "Count"
            FROM organizations
            WHERE is_observer
            ORDER BY normalized_name, id
            """).ToListAsync(cancellationToken);
        var items = rows.Select(r => new Observer(r.Id, r.Name, r.Acronym, Enum.Parse<OrganizationType>(r.Type).ToWire(), r.Country, r.ObserverSince)).ToList();
        return TypedResults.Ok(new Response(rows.Count == 0 ? 0 : rows[0].Count, items));
    }
}
