extern alias media;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Messaging.ErrorQueues;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Campaign.Tests.Receipts;

/// <summary>Campaign and Media, each with its own database, on one broker virtual host (of their own) and the same Redis.</summary>
public sealed class CampaignAndMedia : IAsyncLifetime
{
    public CampaignFactory Campaign { get; } = new();

    public MediaHost Media { get; } = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Media).InitializeAsync();
        Campaign.ShareBrokerWith(Media); // Media consumes what Campaign publishes
        await ((IAsyncLifetime)Campaign).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Campaign).DisposeAsync();
        await ((IAsyncLifetime)Media).DisposeAsync();
    }
}

/// <summary>
/// Issue 11 §4: after a complete withdrawal the testimony's text is in no row of either database, no Redis key and no
/// message waiting in any of their queues or error queues (a Media host beside Campaign: the whole suite's AppHost
/// fixture did not become healthy on the loaded test machine).
/// </summary>
public sealed class WithdrawalErasureAcrossServicesTests(CampaignAndMedia suite) : IClassFixture<CampaignAndMedia>
{
    [Fact]
    public async Task After_a_complete_withdrawal_the_text_is_in_no_table_no_Redis_key_and_no_queue_of_Campaign_or_Media()
    {
        var marker = $"Vellichor{Guid.NewGuid():N}"[..24];
        var feedKey = await FeedKeyAsync();
        using var feed = suite.Media.CreateClient();
        feed.DefaultRequestHeaders.Add("X-Feed-Key", feedKey);
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies")
        {
            Content = JsonContent.Create(CampaignApi.Testimony(
                title: $"Bread for {marker}", story: $"{CampaignApi.Story} In the new town {marker} gave us a room.", consents: ["campaign-app", "press"])),
        };
        submit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var submitted = await suite.Campaign.CreateClient().SendAsync(submit);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = receipt.GetProperty("testimonyId").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await suite.Campaign.ApproveAsync(id, new { acknowledgeFlags = true })).StatusCode);
        // Read where the public and journalists read, so the caches hold it too.
        Assert.Contains(marker, await suite.Campaign.CreateClient().GetStringAsync($"/api/campaign/public/testimonies/{id}"), StringComparison.Ordinal);
        await Eventually.TrueAsync(
            async () => (await feed.GetStringAsync("/feeds/stories.json")).Contains(marker, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the story in the journalist feed");
        var before = await FindEverywhereAsync(marker);
        Assert.Contains(before, f => f.StartsWith("campaign.public.testimonies", StringComparison.Ordinal));
        Assert.Contains(before, f => f.StartsWith("media.public.stories", StringComparison.Ordinal));
        Assert.Contains(before, f => f.StartsWith("redis:", StringComparison.Ordinal));

        var withdrawn = await suite.Campaign.CreateClient().PostAsJsonAsync(
            $"/api/campaign/receipts/{id}/withdrawal", new { secret = receipt.GetProperty("receiptSecret").GetString(), all = true });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        IReadOnlyList<string> left = before;
        try
        {
            await Eventually.TrueAsync(async () => (left = await FindEverywhereAsync(marker)).Count == 0, TimeSpan.FromSeconds(30), "the marker to be gone");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Still found after the withdrawal: {string.Join("; ", left)}");
        }

        // The feed pages rendered before the withdrawal left Redis with it (not at the end of their 10-minute lifetime).
        Assert.DoesNotContain(marker, await feed.GetStringAsync("/feeds/stories.json"), StringComparison.Ordinal);
    }

    private async Task<string> FeedKeyAsync()
    {
        var editor = suite.Media.ClientFor(SuiteRoles.MediaEditor);
        var journalist = await editor.PostAsJsonAsync("/api/media/journalists", new
        {
            name = "Ana Pereira",
            outlet = "Inter Press Service",
            country = "BR",
            beats = new[] { "diversity-and-inclusion" },
            languages = new[] { "en" },
            email = $"j{Guid.NewGuid():N}@example.org",
        });
        Assert.Equal(HttpStatusCode.Created, journalist.StatusCode);
        var journalistId = (await journalist.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var key = await editor.PostAsJsonAsync($"/api/media/journalists/{journalistId}/keys", new { label = "reader", embargoAccess = false });
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        return (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>Every place the marker is found: "service.schema.table (rows)", "redis:key", "queue:name (messages)".</summary>
    private async Task<IReadOnlyList<string>> FindEverywhereAsync(string marker)
    {
        var found = new List<string>();
        found.AddRange((await DatabaseSearch.FindAsync(suite.Campaign.DatabaseConnection, marker)).Select(t => $"campaign.{t.Key} ({t.Value})"));
        found.AddRange((await DatabaseSearch.FindAsync(suite.Media.DatabaseConnection, marker)).Select(t => $"media.{t.Key} ({t.Value})"));
        found.AddRange((await RedisSearch.FindAsync(suite.Campaign.Servers.Redis, marker)).Select(k => $"redis:{k}"));
        var queues = suite.Campaign.Services.GetRequiredService<ConsumerQueues>().Names
            .Concat(suite.Media.Services.GetRequiredService<ConsumerQueues>().Names)
            .SelectMany(q => new[] { q, $"{q}_error", $"{q}_skipped" })
            .ToList();
        Assert.Contains(queues, q => q.Contains("testimony-published", StringComparison.Ordinal));
        found.AddRange((await QueueSearch.FindAsync(suite.Campaign.Servers.RabbitMq, queues, marker)).Select(q => $"queue:{q.Key} ({q.Value})"));
        return found;
    }
}
