using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Campaign.Tests.Retention;

/// <summary>The service on a fake clock that a test moves forward by months; small chunks so a pass needs several.</summary>
public class RetentionFactory : CampaignFactory
{
    public RetentionFactory()
        : this(Never)
    {
    }

    protected RetentionFactory(string initialDelay)
    {
        Set("Campaign:Retention:ChunkSize", "5");
        Set("Campaign:Retention:InitialDelay", initialDelay);
        // The outbox's own retention stays out of the way: these tests prove what Campaign's retention erases.
        Set("Messaging:Retention:InitialDelay", Never);
    }

    /// <summary>Timeout.InfiniteTimeSpan: the background pass never runs by itself; the tests call it.</summary>
    private const string Never = "-00:00:00.001";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The background pass itself: it runs a minute after start, then hourly, on the service's clock.</summary>
public sealed class ScheduledRetentionFactory : RetentionFactory
{
    public ScheduledRetentionFactory()
        : base("00:01:00")
    {
    }
}
