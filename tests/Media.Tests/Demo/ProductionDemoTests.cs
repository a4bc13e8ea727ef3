using System.Net;
using Iom.Media.Data;
using Iom.Media.Demo;
using Iom.Media.Journalists;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Iom.Media.Tests.Demo;

/// <summary>
/// Media in Production (trusting a test identity provider): without Demo:Enabled nothing of the demo runs; with it
/// explicitly enabled the demo newsroom is seeded, but never the documented demo feed key.
/// </summary>
public sealed class ProductionDemoTests
{
    [Fact]
    public async Task In_production_demo_data_is_off_unless_enabled()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var media = new ProductionServiceFactory<Program>("mediadb", [.. issuer.Settings(), .. Isolation()]);
        try
        {
            await media.InitializeAsync();
            Assert.DoesNotContain(media.Services.GetServices<IHostedService>(), s => s is MediaDemoData);
        }
        finally
        {
            await ((IAsyncLifetime)media).DisposeAsync();
        }
    }

    [Fact]
    public async Task In_production_an_enabled_demo_seeds_its_journalists_but_never_the_demo_feed_key()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var media = new ProductionServiceFactory<Program>("mediadb",
            [.. issuer.Settings(), .. Isolation(), new("Demo:Enabled", "true"), new("Demo:PartnerWaitSeconds", "0")]);
        try
        {
            await media.InitializeAsync();
            await Eventually.TrueAsync(() => QueryAsync(media, db => db.Stories.AnyAsync(s => s.Headline!.StartsWith("Draft: resettlement"))), TimeSpan.FromSeconds(60), "the demo stories");

            var journalists = await QueryAsync(media, db => db.Journalists.CountAsync(j => j.Email.EndsWith("@demo.ipsnews.invalid")));
            Assert.True(journalists >= 30, $"{journalists} demo journalists");
            var demoHash = FeedKeySecret.Hash(MediaDemoData.DefaultFeedKey);
            var keys = await QueryAsync(media, db => db.FeedKeys.Select(k => new { k.Hash, k.EmbargoAccess }).ToListAsync());
            Assert.Equal(journalists, keys.Count);
            Assert.DoesNotContain(keys, k => k.Hash.AsSpan().SequenceEqual(demoHash));
            Assert.DoesNotContain(keys, k => k.EmbargoAccess);

            using var reader = media.CreateClient();
            reader.DefaultRequestHeaders.Add("X-Feed-Key", MediaDemoData.DefaultFeedKey);
            using var response = await reader.GetAsync("/feeds/stories.json");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(media.StartupLogs!.Entries, e => e.Message.Contains("the documented demo feed key is not seeded outside Development", StringComparison.Ordinal));
        }
        finally
        {
            await ((IAsyncLifetime)media).DisposeAsync();
        }
    }

    private static KeyValuePair<string, string?>[] Isolation() => [new("Media:RedisPrefix", $"t{Guid.NewGuid():N}"[..12] + ":")];

    private static async Task<T> QueryAsync<T>(ProductionServiceFactory<Program> media, Func<MediaDbContext, Task<T>> query)
    {
        await using var scope = media.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MediaDbContext>());
    }
}
