using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iom.Campaign.Domain;
using Iom.Contracts.Campaign;
using Iom.Messaging.Outbox;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests.Testimonies;

public sealed class SubmitTestimonyTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    private static HttpRequestMessage Post(object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    private Task<int> CountAsync(string title) => campaign.QueryAsync(db => db.Testimonies.CountAsync(t => t.Title == title));

    [Fact]
    public async Task Submitting_stores_a_pending_testimony_with_only_a_hash_of_the_receipt_secret_and_publishes_TestimonySubmitted_without_content()
    {
        await using var probe = await BusProbe.StartAsync(campaign.Servers.RabbitMq, typeof(TestimonySubmitted));
        var body = CampaignApi.Testimony(language: "AR", consents: ["Press", "campaign-app"]);

        var response = await campaign.CreateClient().PostAsJsonAsync("/api/campaign/testimonies", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = receipt.GetProperty("testimonyId").GetGuid();
        var secret = receipt.GetProperty("receiptSecret").GetString()!;
        Assert.True(secret.Length >= 40);
        Assert.Equal($"/api/campaign/receipts/{id}", response.Headers.Location?.ToString());
        Assert.Equal(new[] { "campaign-app", "press" }, receipt.GetProperty("consents").EnumerateArray().Select(c => c.GetString() ?? string.Empty).ToArray());

        var stored = await campaign.QueryAsync(db => db.Testimonies.SingleAsync(t => t.Id == id));
        Assert.Equal(TestimonyState.Pending, stored.State);
        Assert.Equal("ar", stored.Language);
        Assert.Equal(body["title"], stored.Title);
        Assert.Equal("Amal", stored.FirstName);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret)), stored.SecretHash);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(stored), StringComparison.Ordinal);

        var seen = await probe.WaitForAsync<TestimonySubmitted>(m => m.GetProperty("testimonyId").GetGuid() == id);
        Assert.Equal("ar", seen.Message.GetProperty("language").GetString());
        Assert.DoesNotContain("soup", seen.RawBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Amal", seen.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_twice_returns_the_first_result_and_creates_one_testimony()
    {
        var body = CampaignApi.Testimony();
        var key = Guid.NewGuid().ToString();
        using var client = campaign.CreateClient();

        var first = await client.SendAsync(Post(body, key));
        var second = await client.SendAsync(Post(body, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountAsync((string)body["title"]!));
        var id = JsonDocument.Parse(firstBody).RootElement.GetProperty("testimonyId").GetGuid();
        Assert.Equal(1, await campaign.StagedAsync<TestimonySubmitted>(id));

        // The durable record keeps the response for the retry, but neither the key nor the receipt secret in clear.
        var secret = JsonDocument.Parse(firstBody).RootElement.GetProperty("receiptSecret").GetString()!;
        var stored = await campaign.QueryAsync(db => db.IdempotencyRecords.AsNoTracking().Where(r => r.ResourceId == id).ToListAsync());
        var record = Assert.Single(stored);
        Assert.Equal(Iom.Campaign.Idempotency.IdempotencyState.Completed, record.State);
        Assert.Equal(201, record.StatusCode);
        Assert.DoesNotContain(key, JsonSerializer.Serialize(record), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(record), StringComparison.Ordinal);
        Assert.DoesNotContain("soup", JsonSerializer.Serialize(record), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_concurrent_retries_with_the_same_key_create_one_testimony_and_get_the_same_answer()
    {
        var body = CampaignApi.Testimony();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var client = campaign.CreateClient();
            var response = await client.SendAsync(Post(body, key));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(1, await CountAsync((string)body["title"]!));
    }

    [Fact]
    public async Task Without_a_key_each_post_is_a_new_testimony_and_a_key_reused_for_another_body_is_a_422()
    {
        using var client = campaign.CreateClient();
        var body = CampaignApi.Testimony();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(body, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(body, null))).StatusCode);
        Assert.Equal(2, await CountAsync((string)body["title"]!));

        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(CampaignApi.Testimony(), key))).StatusCode);
        var other = CampaignApi.Testimony();
        var reused = await client.SendAsync(Post(other, key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        await reused.ProblemAsync();
        Assert.Equal(0, await CountAsync((string)other["title"]!));
    }

    [Fact]
    public async Task A_refused_request_does_not_use_up_its_key()
    {
        using var client = campaign.CreateClient();
        var key = Guid.NewGuid().ToString();
        var bad = CampaignApi.Testimony(consents: []);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Post(bad, key))).StatusCode);

        var fixedBody = CampaignApi.Testimony();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(fixedBody, key))).StatusCode);
        Assert.Equal(1, await CountAsync((string)fixedBody["title"]!));
    }

    public static TheoryData<string, string> BadBodies()
    {
        var data = new TheoryData<string, string>();
        void Add(Action<Dictionary<string, object?>> change, string field)
        {
            var body = CampaignApi.Testimony();
            change(body);
            data.Add(JsonSerializer.Serialize(body), field);
        }

        Add(b => b["story"] = "", "story");
        Add(b => b["story"] = "Too short to be a story.", "story");
        Add(b => b["story"] = new string('a', 10_001), "story");
        Add(b => b.Remove("title"), "title");
        Add(b => b["title"] = new string('t', 201), "title");
        Add(b => b["language"] = "xx", "language");
        Add(b => b["language"] = null, "language");
        Add(b => b["countryOfOrigin"] = "XX", "countryOfOrigin");
        Add(b => b["countryOfResidence"] = "DEU", "countryOfResidence");
        Add(b => b["themes"] = new[] { "football" }, "themes");
        Add(b => b["consents"] = Array.Empty<string>(), "consents");
        Add(b => b.Remove("consents"), "consents");
        Add(b => b["consents"] = new[] { "advertising" }, "consents");
        Add(b => b["display"] = "full-name", "display");
        Add(b => b["firstName"] = null, "firstName");
        Add(b => b["firstName"] = "R2D2", "firstName");
        data.Add("""{"title": 42}""", "title");
        data.Add("""{"title": "x", """, "body");
        data.Add("{}", "consents");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_submission_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var before = await campaign.QueryAsync(async db => (await db.Testimonies.CountAsync(), await db.Set<OutboxMessage>().CountAsync()));

        var response = await campaign.CreateClient().PostAsync("/api/campaign/testimonies", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        var after = await campaign.QueryAsync(async db => (await db.Testimonies.CountAsync(), await db.Set<OutboxMessage>().CountAsync()));
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("{}", "story")]
    [InlineData("{}", "language")]
    [InlineData("""{"title":null,"story":null,"language":null,"countryOfOrigin":null,"countryOfResidence":null,"themes":null,"display":null,"firstName":null,"consents":null}""", "story")]
    [InlineData("""{"title":"Only a title"}""", "language")]
    public async Task A_bad_submission_with_an_Idempotency_Key_is_a_400_naming_the_field_and_claims_no_key(string body, string field)
    {
        var key = Guid.NewGuid().ToString();
        var before = await campaign.QueryAsync(async db => (await db.Testimonies.CountAsync(), await db.IdempotencyRecords.CountAsync()));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);

        var response = await campaign.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.Equal(before, await campaign.QueryAsync(async db => (await db.Testimonies.CountAsync(), await db.IdempotencyRecords.CountAsync())));
    }

    [Fact]
    public async Task An_oversized_idempotency_key_is_a_400_naming_the_header()
    {
        var response = await campaign.CreateClient().SendAsync(Post(CampaignApi.Testimony(), new string('k', 201)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }
}
