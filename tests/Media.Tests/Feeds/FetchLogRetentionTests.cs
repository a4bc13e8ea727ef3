using Iom.Media.Domain;
using Iom.Media.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Media.Tests.Feeds;

public sealed class FetchLogRetentionTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    [Fact]
    public async Task The_cleanup_deletes_fetches_older_than_the_retention_and_keeps_recent_ones()
    {
        var old = new FetchLogEntry { StoryId = Guid.NewGuid(), KeyId = Guid.NewGuid(), JournalistId = Guid.NewGuid(), FirstFetchedAt = DateTimeOffset.UtcNow.AddDays(-120), LastFetchedAt = DateTimeOffset.UtcNow.AddDays(-91) };
        var recent = new FetchLogEntry { StoryId = Guid.NewGuid(), KeyId = Guid.NewGuid(), JournalistId = Guid.NewGuid(), FirstFetchedAt = DateTimeOffset.UtcNow.AddDays(-100), LastFetchedAt = DateTimeOffset.UtcNow.AddDays(-89) };
        await media.QueryAsync(async db =>
        {
            db.FetchLog.AddRange(old, recent);
            return await db.SaveChangesAsync();
        });

        await media.Services.GetRequiredService<FetchLogWriter>().CleanupAsync(CancellationToken.None);

        Assert.False(await media.QueryAsync(db => db.FetchLog.AnyAsync(f => f.StoryId == old.StoryId)));
        Assert.True(await media.QueryAsync(db => db.FetchLog.AnyAsync(f => f.StoryId == recent.StoryId)));
    }
}
