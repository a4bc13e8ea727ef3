using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Public;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Input;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Moderation;

/// <summary>The moderation queue: pending testimonies (new, or reported) oldest first, by language; or another state.</summary>
internal static class GetModerationQueue
{
    public sealed record Page(IReadOnlyList<ModerationView> Items, string? NextCursor);

    public static async Task<IResult> HandleAsync(
        string? language, string? state, string? cursor, int? limit, CampaignDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(language is null || Languages.IsKnown(language), "language", $"'{language}' is not an ISO 639-1 language code.");
        var wanted = TestimonyState.Pending;
        errors.Require(state is null || WireNames.TryParse(state, out wanted), "state", "State must be pending, on-hold, scheduled, published, rejected or withdrawn.");
        if (!Cursor.TryRead(cursor, limit, errors, out var after, out var take))
        {
            return errors.ToProblem();
        }

        // The pending queue also holds published testimonies that the public reported (still shown: too few reporters).
        var query = wanted == TestimonyState.Pending
            ? db.Testimonies.AsNoTracking().Where(t => t.State == wanted || (t.State == TestimonyState.Published && t.FlaggedAt != null))
            : db.Testimonies.AsNoTracking().Where(t => t.State == wanted);
        if (language is not null)
        {
            var code = language.ToLowerInvariant();
            query = query.Where(t => t.Language == code);
        }

        if (after is { } c)
        {
            query = query.Where(t => t.QueuedAt > c.At || (t.QueuedAt == c.At && t.Id.CompareTo(c.Id) > 0));
        }

        var rows = await query.OrderBy(t => t.QueuedAt).ThenBy(t => t.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? new Cursor(rows[take - 1].QueuedAt, rows[take - 1].Id).Encode() : null;
        return TypedResults.Ok(new Page([.. rows.Take(take).Select(ModerationView.From)], next));
    }
}
