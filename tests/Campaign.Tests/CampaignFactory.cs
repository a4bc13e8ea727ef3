using Iom.Campaign.Data;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Campaign.Tests;

public class CampaignFactory : ServiceFactory<Program>
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

/// <summary>The service as the AppHost starts it for a demo: Demo:Enabled seeds its data.</summary>
public sealed class DemoCampaignFactory : CampaignFactory
{
    public DemoCampaignFactory()
    {
        Set("Demo:Enabled", "true");
        Set("Demo:PartnerPollInterval", "00:00:00.300");
    }
}
