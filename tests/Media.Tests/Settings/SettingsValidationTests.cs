using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Iom.Media.Tests.Settings;

/// <summary>
/// Issue 16: Media's settings are bound and validated at start-up — a bad value stops the start with a message naming
/// the setting, instead of being clamped or noticed when the code first runs.
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Media:Feed:PageSize", "0")]
    [InlineData("Media:Feed:PageSize", "500")]
    [InlineData("Media:Feeds:HeartbeatInterval", "-00:00:01")]
    [InlineData("Media:Redis:Timeout", "00:00:00")]
    [InlineData("Media:FetchLog:RetentionDays", "0")]
    [InlineData("Media:RedisPrefix", "")]
    [InlineData("Media:Feeds:Limits:StreamsPerKey", "0")]
    [InlineData("Demo:PartnerWaitSeconds", "-1")]
    public async Task A_value_out_of_range_stops_the_start_naming_the_setting(string setting, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartWithAsync(setting, value));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Media:Feeds:SilenceLimit", "soon")]
    [InlineData("Media:Feed:PageSize", "twenty")]
    [InlineData("Media:AutoPublishTestimonies", "perhaps")]
    public async Task A_value_that_is_not_of_its_type_stops_the_start_naming_the_setting(string setting, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartWithAsync(setting, value));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_defaults_start()
    {
        await StartWithAsync("Media:Feed:PageSize", "20");
    }

    private static async Task StartWithAsync(string setting, string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value });
        builder.Services.AddMediaSettings();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
