using Iom.Media.Data;
using Iom.ServiceDefaults.Input;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Stories;

/// <summary>The editors' list, newest change first, optionally by status and source.</summary>
internal static class ListStories
{
    public static async Task<Results<Ok<List<StoryResponse>>, ValidationProblem>> HandleAsync(
        string? status, Guid? sourceId, int? limit, MediaDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var hasStatus = WireNames.TryParse<Domain.StoryStatus>(status, out var parsed);
        errors.Require(status is null || hasStatus, "status", $"Unknown status '{status}'.");
        errors.Require(limit is null or (> 0 and <= 500), "limit", "The limit is between 1 and 500.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var query = db.Stories.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(s => s.Status == parsed);
        }

        if (sourceId is not null)
        {
            query = query.Where(s => s.SourceId == sourceId);
        }

        var stories = await query.OrderByDescending(s => s.UpdatedAt).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok(stories.Select(StoryResponse.From).ToList());
    }
}
