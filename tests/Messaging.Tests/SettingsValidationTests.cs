using Iom.ServiceDefaults.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Iom.Messaging.Tests;

/// <summary>
/// Issue 16: Messaging's settings (Messaging:QueuePrefix, Messaging:TemporaryQueues, Messaging:Retry, Messaging:Broker)
/// are bound and validated when the bus is registered; a bad value stops the start with a message naming the setting.
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Messaging:QueuePrefix", "two words")]
    [InlineData("Messaging:Retry:Limit", "-1")]
    [InlineData("Messaging:Retry:MaxInterval", "-00:00:01")]
    public void A_value_out_of_range_stops_the_start_naming_the_setting(string setting, string value)
    {
        var builder = BuilderWith(setting, value);
        var error = Assert.Throws<OptionsValidationException>(() => builder.AddMessaging<MessagingTestDbContext>("settings"));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Messaging:TemporaryQueues", "sometimes")]
    [InlineData("Messaging:Broker:QuorumQueues", "maybe")]
    public void A_value_that_is_not_of_its_type_stops_the_start_naming_the_setting(string setting, string value)
    {
        var builder = BuilderWith(setting, value);
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddMessaging<MessagingTestDbContext>("settings"));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_read_through_options_is_refused_when_the_host_starts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:Monitor:Interval"] = "00:00:00" });
        builder.Services.AddSettings<Monitoring.QueueMonitorSettings>(Monitoring.QueueMonitorSettings.Section);
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Messaging:Monitor:Interval", error.Message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder BuilderWith(string setting, string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = "amqp://guest:guest@localhost:5672",
            [setting] = value,
        });
        return builder;
    }
}
