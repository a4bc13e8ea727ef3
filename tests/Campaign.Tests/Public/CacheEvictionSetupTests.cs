using Iom.Campaign.Public;
using Iom.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Xunit;

namespace Iom.Campaign.Tests.Public;

public sealed class CacheEvictionSetupTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    [Fact]
    public async Task The_cache_eviction_interceptor_is_added_beside_the_outbox_interceptor_not_instead_of_it()
    {
        var interceptors = await campaign.QueryAsync(db => Task.FromResult(
            db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!.Select(i => i.GetType()).ToList()));

        Assert.Contains(typeof(OutboxCommitInterceptor), interceptors);
        Assert.Contains(typeof(CacheEvictionInterceptor), interceptors);
    }
}
