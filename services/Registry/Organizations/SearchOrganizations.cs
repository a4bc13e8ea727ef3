using Iom.Registry.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Iom.Registry.Organizations;

/// <summary>
/// GET /api/registry/organizations?q=&amp;type=&amp;country=&amp;region=&amp;theme=&amp;status=&amp;observer=&amp;limit=&amp;after=
/// Typo-tolerant search and filters, one page at a time (keyset; pass 'next' as 'after'), with the total count.
/// </summary>
internal static class SearchOrganizations
{
    public sealed record Page(IReadOnlyList<OrganizationSummary> Items, long Total, int Limit, string? Next);

    public static async Task<Results<Ok<Page>, ValidationProblem>> HandleAsync(
        [AsParameters] OrganizationFilterRequest request, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var filter = OrganizationFilter.Parse(request, errors, paging: true);
        if (filter is null)
        {
            return errors.ToProblem();
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (items, total, next) = await OrganizationSearch.PageAsync(filter, (NpgsqlConnection)db.Database.GetDbConnection(), cancellationToken);
            return TypedResults.Ok(new Page(items, total, filter.Limit, next));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
