using System.Net.Http.Json;
using System.Text.Json;
using Iom.Media.Demo;
using Iom.Media.Domain;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Media.Tests.Demo;

public sealed class DemoDataTests(DemoMediaFactory media) : IClassFixture<DemoMediaFactory>
{
    [Fact]
    public async Task The_demo_has_IPS_journalists_and_a_feed_with_items_in_every_state()
    {
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Stories.CountAsync().ContinueWith(t => t.Result >= 12)), TimeSpan.FromSeconds(60), "the demo stories");
        var partner = await media.QueryAsync(db => db.Partners.SingleAsync());
        Assert.Equal("IPS", partner.Acronym);
        Assert.True(await media.QueryAsync(db => db.Journalists.CountAsync(j => j.PartnerId == partner.Id)) >= 30);
        var statuses = await media.QueryAsync(db => db.Stories.Select(s => s.Status).Distinct().ToListAsync());
        Assert.Superset(new HashSet<StoryStatus> { StoryStatus.Published, StoryStatus.Corrected, StoryStatus.Embargoed, StoryStatus.Withdrawn }, statuses.ToHashSet());

        var feed = await new MediaApi(media).Feed(MediaDemoData.DefaultFeedKey).GetFromJsonAsync<JsonElement>("/feeds/stories.json");
        var items = feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("_iom")).ToList();
        Assert.Contains(items, i => i.GetProperty("withdrawn").GetBoolean());
        Assert.Contains(items, i => i.TryGetProperty("embargoed_until", out _));
        Assert.Contains(items, i => i.TryGetProperty("correction", out _));
        Assert.Contains(items, i => i.TryGetProperty("status", out var s) && s.GetString() == "published");
    }
}
