using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Npgsql;
using Xunit;

namespace Iom.EndToEnd.Tests;

/// <summary>
/// Issue 11 §4: after a complete withdrawal the testimony's text is nowhere in the suite — no row of any table of any
/// database, no Redis key, no message waiting in any of our queues or error queues. The text is planted with a
/// marker, goes Campaign → Media (a story in the feed, cached), the author withdraws, and everything is searched.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class WithdrawalErasureTests(SuiteFixture suite)
{
    private const string DemoFeedKey = "iomk_demo-ips-newsroom-local-development-only";
    private static readonly string[] Services = ["registry", "consultations", "campaign", "media"];

    private HttpRequestMessage Staff(HttpMethod method, string path, string role, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(role));
        return request;
    }

    private string Database(string name) =>
        $"Host=127.0.0.1;Port={suite.PostgresPort};Username=postgres;Password={suite.PostgresPassword};Database={name};Pooling=false";

    [Fact]
    public async Task After_a_complete_withdrawal_the_text_is_in_no_table_no_Redis_key_and_no_queue()
    {
        var marker = $"Vellichor{Guid.NewGuid():N}"[..24];
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies")
        {
            Content = JsonContent.Create(new
            {
                title = $"Bread for {marker}",
                story = $"I crossed two borders with my daughter. In the new town {marker} gave us bread and a room until spring came.",
                language = "en",
                countryOfOrigin = "ER",
                countryOfResidence = "IT",
                themes = new[] { "diversity-and-inclusion" },
                display = "anonymous",
                consents = new[] { "campaign-app", "press" },
            }),
        };
        submit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var submitted = await suite.Gateway.SendAsync(submit);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = receipt.GetProperty("testimonyId").GetGuid();

        using var approve = Staff(HttpMethod.Post, $"/api/campaign/moderation/testimonies/{id}/approval", SuiteRoles.CampaignModerator, new { acknowledgeFlags = true });
        Assert.Equal(HttpStatusCode.OK, (await suite.Gateway.SendAsync(approve)).StatusCode);
        // Read where the public and journalists read, so the caches hold it too.
        Assert.Contains(marker, await suite.Gateway.GetStringAsync($"/api/campaign/public/testimonies/{id}"), StringComparison.Ordinal);
        await Eventually.TrueAsync(
            async () => (await suite.Gateway.GetStringAsync($"/feeds/stories.json?key={DemoFeedKey}")).Contains(marker, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the story in the journalist feed");
        var before = await FindEverywhereAsync(marker);
        Assert.Contains(before, f => f.StartsWith("campaigndb.public.testimonies", StringComparison.Ordinal));
        Assert.Contains(before, f => f.StartsWith("mediadb.", StringComparison.Ordinal));
        Assert.Contains(before, f => f.StartsWith("redis:", StringComparison.Ordinal));

        using var withdraw = new HttpRequestMessage(HttpMethod.Post, $"/api/campaign/receipts/{id}/withdrawal")
        {
            Content = JsonContent.Create(new { secret = receipt.GetProperty("receiptSecret").GetString(), all = true }),
        };
        Assert.Equal(HttpStatusCode.OK, (await suite.Gateway.SendAsync(withdraw)).StatusCode);

        IReadOnlyList<string> left = before;
        try
        {
            await Eventually.TrueAsync(async () => (left = await FindEverywhereAsync(marker)).Count == 0, TimeSpan.FromSeconds(30), "the marker to be gone");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Still found after the withdrawal: {string.Join("; ", left)}");
        }

        Assert.DoesNotContain(marker, await suite.Gateway.GetStringAsync($"/feeds/stories.json?key={DemoFeedKey}"), StringComparison.Ordinal);
    }

    /// <summary>Every place the marker is found: "db.schema.table (rows)", "redis:key", "queue:name (messages)".</summary>
    private async Task<IReadOnlyList<string>> FindEverywhereAsync(string marker)
    {
        var found = new List<string>();
        foreach (var database in await DatabasesAsync())
        {
            found.AddRange((await DatabaseSearch.FindAsync(Database(database), marker)).Select(t => $"{database}.{t.Key} ({t.Value})"));
        }

        found.AddRange((await RedisSearch.FindAsync($"127.0.0.1:{suite.RedisPort}", marker)).Select(k => $"redis:{k}"));
        var queues = new List<string>();
        foreach (var service in Services)
        {
            using var list = Staff(HttpMethod.Get, $"/api/{service}/admin/error-queues", SuiteRoles.Admin);
            using var response = await suite.Gateway.SendAsync(list);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var queue in (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray())
            {
                var name = queue.GetProperty("queue").GetString()!;
                queues.AddRange([name, $"{name}_error", $"{name}_skipped"]);
            }
        }

        Assert.NotEmpty(queues);
        found.AddRange((await QueueSearch.FindAsync($"amqp://guest:guest@127.0.0.1:{suite.RabbitMqPort}", queues, marker)).Select(q => $"queue:{q.Key} ({q.Value})"));
        return found;
    }

    /// <summary>Every database on the suite's PostgreSQL server but the templates.</summary>
    private async Task<IReadOnlyList<string>> DatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(Database("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
