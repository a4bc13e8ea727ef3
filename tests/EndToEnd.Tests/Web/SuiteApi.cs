using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.EndToEnd.Tests.Web;

/// <summary>What staff do through the gateway's APIs during the browser tests (moderators, media editors), with dev tokens.</summary>
public sealed class SuiteApi(HttpClient gateway)
{
    private HttpRequestMessage As(string role, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(role));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task ApproveAsync(Guid testimonyId)
    {
        using var response = await gateway.SendAsync(As(SuiteRoles.CampaignModerator, HttpMethod.Post, $"/api/campaign/moderation/testimonies/{testimonyId}/approval", new { acknowledgeFlags = true }));
        Assert.True(response.IsSuccessStatusCode, $"approval: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>How many testimonies waiting for moderation carry this title (every page of the queue).</summary>
    public async Task<int> PendingWithTitleAsync(string title)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            using var response = await gateway.SendAsync(As(SuiteRoles.CampaignModerator, HttpMethod.Get,
                "/api/campaign/moderation/queue?state=pending&limit=50" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor))));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            count += page.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("title").GetString() == title);
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return count;
    }

    public async Task<Guid> PublishedStoryAsync(string headline)
    {
        using var created = await gateway.SendAsync(As(SuiteRoles.MediaEditor, HttpMethod.Post, "/api/media/stories", new
        {
            headline,
            summary = "Summary of " + headline,
            body = "First paragraph of " + headline + ".\nSecond paragraph.",
            themes = new[] { "countering-xenophobia" },
            regions = new[] { "Africa" },
            languages = new[] { "en" },
            source = "media-team",
            attribution = "IOM Media",
            usageTerms = "Free with attribution",
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var published = await gateway.SendAsync(As(SuiteRoles.MediaEditor, HttpMethod.Post, $"/api/media/stories/{id}/publish"));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return id;
    }

    /// <summary>A journalist of its own and a feed key for them, as a media editor issues one (no reliance on demo data).</summary>
    public async Task<string> NewFeedKeyAsync()
    {
        using var journalist = await gateway.SendAsync(As(SuiteRoles.MediaEditor, HttpMethod.Post, "/api/media/journalists", new
        {
            name = "Ana Pereira",
            outlet = "Inter Press Service",
            country = "BR",
            beats = new[] { "diversity-and-inclusion" },
            languages = new[] { "en" },
            email = $"j{Guid.NewGuid():N}@example.org",
        }));
        Assert.Equal(HttpStatusCode.Created, journalist.StatusCode);
        var journalistId = (await journalist.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var key = await gateway.SendAsync(As(SuiteRoles.MediaEditor, HttpMethod.Post, $"/api/media/journalists/{journalistId}/keys", new { label = "browser test", embargoAccess = false }));
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        return (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task WithdrawStoryAsync(Guid id)
    {
        using var response = await gateway.SendAsync(As(SuiteRoles.MediaEditor, HttpMethod.Post, $"/api/media/stories/{id}/withdraw", new { reason = "Withdrawn for the test" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// The first item of a public list. The demo data reaches the public lists through events after the suite is
    /// healthy (the Registry's partners, then Campaign's actions), so an early test waits for it.
    /// </summary>
    public async Task<JsonElement> FirstAsync(string path) =>
        (await Eventually.GetAsync<JsonElement?>(
            async () =>
            {
                var page = await gateway.GetFromJsonAsync<JsonElement>(path);
                return page.GetProperty("items").EnumerateArray().Select(i => (JsonElement?)i).FirstOrDefault();
            },
            TimeSpan.FromSeconds(60),
            $"a first item in {path}"))!.Value;
}
