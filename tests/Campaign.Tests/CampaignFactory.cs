using Iom.Campaign.Data;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Campaign.Tests;

public sealed class CampaignFactory : ServiceFactory<Program>
{
    public CampaignFactory()
        : base("campaigndb")
    {
        // Scheduled publishing is checked often in tests, so a testimony scheduled a second ahead goes out promptly.
        Set("Campaign:SchedulerInterval", "00:00:00.300");
    }

    /// <summary>Runs a query against the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<CampaignDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CampaignDbContext>());
    }
}
