using Iom.Media.Data;
using Iom.Media.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Media.Feeds;

/// <summary>One item of a feed page: a story, or a tombstone (withdrawn: id, time and reason only).</summary>
public sealed record FeedItem(
    Guid Id, string? Headline, string? Summary, string? Body, IReadOnlyList<string> Themes, IReadOnlyList<string> Regions, IReadOnlyList<string> Languages,
    string Source, Guid? SourceId, string? Attribution, string? UsageTerms, DateTimeOffset Updated, DateTimeOffset? Published,
    string? CorrectionNote, DateTimeOffset? CorrectedAt, DateTimeOffset? EmbargoUntil, bool Withdrawn, string? WithdrawnReason)
{
    public string Urn => "urn:uuid:" + Id.ToString("D");
}

public sealed record FeedPage(IReadOnlyList<FeedItem> Items, bool HasNext)
{
    public DateTimeOffset Updated => Items.Count == 0 ? DateTimeOffset.UnixEpoch : Items.Max(i => i.Updated);
}

/// <summary>
/// Reads a feed page: published and corrected stories, embargoed ones for keys with embargo access, and tombstones
/// of withdrawn stories that journalists may have seen, within the retention period; newest "updated" first.
/// </summary>
public sealed class FeedItems(MediaDbContext db, TimeProvider clock, IOptions<FeedSettings> settings)
{
    /// <summary>Marks the feed-items query in SQL logs (and lets the tests and the benchmark count it).</summary>
    public const string QueryTag = "feed-items";

    public int PageSize { get; } = settings.Value.PageSize;

    private readonly TimeSpan tombstoneRetention = TimeSpan.FromDays(settings.Value.TombstoneRetentionDays);

    public async Task<FeedPage> LoadAsync(FeedQuery query, bool embargoAccess, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - tombstoneRetention;
        var stories = db.Stories.AsNoTracking().TagWith(QueryTag).Where(s =>
            s.Status == StoryStatus.Published || s.Status == StoryStatus.Corrected
            || (embargoAccess && s.Status == StoryStatus.Embargoed)
            || (s.Status == StoryStatus.Withdrawn && s.WasShared && s.WithdrawnAt > cutoff));
        if (query.Theme is { } theme)
        {
            stories = stories.Where(s => s.Themes.Contains(theme));
        }

        if (query.Region is { } region)
        {
            stories = stories.Where(s => s.Regions.Contains(region));
        }

        if (query.Language is { } language)
        {
            stories = stories.Where(s => s.Languages.Contains(language));
        }

        var rows = await stories.OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Id)
            .Skip((query.Page - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        var items = rows.Take(PageSize).Select(s => s.Status == StoryStatus.Withdrawn
            ? new FeedItem(s.Id, null, null, null, s.Themes, s.Regions, s.Languages, s.SourceKind, s.SourceId, null, null, s.UpdatedAt, s.PublishedAt,
                null, null, null, true, s.WithdrawnReason)
            : new FeedItem(s.Id, s.Headline, s.Summary, s.Body, s.Themes, s.Regions, s.Languages, s.SourceKind, s.SourceId, s.Attribution, s.UsageTerms,
                s.UpdatedAt, s.PublishedAt, s.CorrectionNote, s.CorrectedAt, s.Status == StoryStatus.Embargoed ? s.EmbargoUntil : null, false, null)).ToList();
        return new FeedPage(items, rows.Count > PageSize);
    }
}
