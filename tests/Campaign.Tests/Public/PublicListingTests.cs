using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Iom.Campaign.Tests.Public;

public sealed class PublicListingTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string url, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await campaign.CreateClient().SendAsync(request);
    }

    private static List<Guid> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    [Fact]
    public async Task The_listing_answers_304_to_a_matching_ETag_and_a_new_ETag_after_a_publish()
    {
        const string url = "/api/campaign/public/testimonies?language=tr";
        var first = await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(language: "tr"));

        var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal([first.Id], Ids(await response.Content.ReadFromJsonAsync<JsonElement>()));

        var again = await GetAsync(url, etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());

        var second = await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(language: "tr"));

        var afterPublish = await GetAsync(url, etag);
        Assert.Equal(HttpStatusCode.OK, afterPublish.StatusCode);
        Assert.NotEqual(etag, afterPublish.Headers.ETag);
        Assert.Equal([second.Id, first.Id], Ids(await afterPublish.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, afterPublish.Headers.ETag)).StatusCode);
    }

    [Fact]
    public async Task Only_testimonies_consented_for_the_campaign_app_are_listed_with_their_cleared_content()
    {
        var shown = await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(language: "it", consents: ["campaign-app"], display: "anonymous"));
        var pressOnly = await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(language: "it", consents: ["press"]));
        var pending = await campaign.SubmitAsync(CampaignApi.Testimony(language: "it"));

        var page = await campaign.CreateClient().GetFromJsonAsync<JsonElement>("/api/campaign/public/testimonies?language=it");

        Assert.Equal([shown.Id], Ids(page));
        var item = page.GetProperty("items")[0];
        Assert.Equal("Anonymous", item.GetProperty("authorDisplay").GetString());
        Assert.False(item.TryGetProperty("consents", out _));
        Assert.DoesNotContain(pressOnly.Id, Ids(page));
        Assert.DoesNotContain(pending.Id, Ids(page));
    }

    [Fact]
    public async Task Filters_by_theme_and_country_and_pages_with_a_cursor()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(language: "nl", themes: ["countering-xenophobia"], countryOfOrigin: "AF", countryOfResidence: "NL"))).Id);
        }

        var otherTheme = await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(language: "nl", themes: ["diaspora"], countryOfOrigin: "AF", countryOfResidence: "NL"));
        var otherCountry = await campaign.SubmitAndPublishAsync(CampaignApi.Testimony(language: "nl", themes: ["countering-xenophobia"], countryOfOrigin: "SO", countryOfResidence: "BE"));
        using var client = campaign.CreateClient();

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/campaign/public/testimonies?language=nl&theme=countering-xenophobia&country=af&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.DoesNotContain(otherTheme.Id, seen);
        Assert.DoesNotContain(otherCountry.Id, seen);
        var residence = await client.GetFromJsonAsync<JsonElement>("/api/campaign/public/testimonies?language=nl&country=BE");
        Assert.Equal([otherCountry.Id], Ids(residence));
    }

    [Theory]
    [InlineData("language=xx", "language")]
    [InlineData("theme=football", "theme")]
    [InlineData("country=ZZ", "country")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=51", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Bad_filters_are_a_400_naming_the_parameter(string query, string field)
    {
        var response = await GetAsync($"/api/campaign/public/testimonies?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("/api/campaign/public/testimonys")]
    [InlineData("/api/campaign/nothing-here")]
    public async Task A_path_no_endpoint_serves_is_a_404_problem_for_anonymous_and_signed_in_callers(string path)
    {
        var anonymous = await campaign.CreateClient().GetAsync(path);
        var signedIn = await campaign.ClientFor(Iom.ServiceDefaults.Security.SuiteRoles.CampaignModerator).GetAsync(path);

        foreach (var response in new[] { anonymous, signedIn })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
