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
        // This host's broker is its own: every journalist and partner here is the demo's.
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Stories.AnyAsync(s => s.Headline!.StartsWith("Draft: resettlement"))), TimeSpan.FromSeconds(60), "the demo stories");
        var demoJournalists = await media.QueryAsync(db => db.Journalists.Where(j => j.Email.EndsWith("@demo.ipsnews.invalid")).ToListAsync());
        Assert.Equal(36, demoJournalists.Count);
        Assert.Equal(36, await media.QueryAsync(db => db.Journalists.CountAsync()));
        var partnerId = Assert.Single(demoJournalists.Select(j => j.PartnerId).Distinct());
        var partner = Assert.Single(await media.QueryAsync(db => db.Partners.ToListAsync()));
        Assert.Equal(partnerId, partner.Id);
        Assert.Equal("IPS", partner.Acronym);
        var statuses = await media.QueryAsync(db => db.Stories.Where(s => s.UsageTerms == "Free to republish with credit to IPS and IOM.").Select(s => s.Status).Distinct().ToListAsync());
        Assert.Superset(new HashSet<StoryStatus> { StoryStatus.Published, StoryStatus.Corrected, StoryStatus.Embargoed, StoryStatus.Withdrawn }, statuses.ToHashSet());

        var reader = new MediaApi(media).Feed(MediaDemoData.DefaultFeedKey);
        var items = new List<JsonElement>();
        for (var path = "/feeds/stories.json"; path is not null;)
        {
            var feed = await reader.GetFromJsonAsync<JsonElement>(path);
            items.AddRange(feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("_iom")));
            path = feed.TryGetProperty("next_url", out var next) ? new Uri(next.GetString()!).PathAndQuery : null;
        }

        Assert.Contains(items, i => i.GetProperty("withdrawn").GetBoolean());
        Assert.Contains(items, i => i.TryGetProperty("embargoed_until", out _));
        Assert.Contains(items, i => i.TryGetProperty("correction", out _));
        Assert.Contains(items, i => i.TryGetProperty("status", out var s) && s.GetString() == "published");
    }
}
