using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.Consultations.Tests.Forums;

/// <summary>Its own database: the figures count every forum of the period, so nothing else may add to them.</summary>
public sealed class ForumAnalyticsTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task Participation_analytics_count_forum_contributions_by_origin_language_and_organisation_type()
    {
        var forum = await consultations.OpenForumAsync();
        var org = await consultations.AddPartnerAsync("FR");
        await consultations.ContributeAnonymouslyOkAsync(forum, "Un", "SN", "fr");
        await consultations.ContributeAnonymouslyOkAsync(forum, "Deux", "SN", "fr");
        await consultations.ContributeForOrganizationOkAsync(forum, org, "Three", "PH", "en");
        var withdrawn = await consultations.ContributeAnonymouslyOkAsync(forum, "Gone", "MX", "es");
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/consultations/public/forum-receipts/{withdrawn.Id}/withdrawal").WithReceipt(withdrawn))
        {
            (await consultations.CreateClient().SendAsync(request)).EnsureSuccessStatusCode();
        }

        var from = DateOnly.FromDateTime(DateTime.UtcNow);
        var to = from.AddYears(1);
        var analytics = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).GetFromJsonAsync<JsonElement>($"/api/consultations/analytics/participation?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        var figures = analytics.GetProperty("forum");
        Assert.Equal(3, figures.GetProperty("contributions").GetInt32());
        Assert.Equal(1, figures.GetProperty("organisations").GetInt32());
        Assert.Equal(2, figures.GetProperty("individuals").GetInt32());
        Assert.Equal(["PH:1", "SN:2"], Counts(figures.GetProperty("byCountryOfOrigin")));
        Assert.Equal(["en:1", "fr:2"], Counts(figures.GetProperty("byLanguage")));
        Assert.Equal(["individual:2", "ngo:1"], Counts(figures.GetProperty("byOrganizationType")));
    }

    private static List<string> Counts(JsonElement groups) =>
        [.. groups.EnumerateArray().Select(g => $"{g.GetProperty("key").GetString()}:{g.GetProperty("contributions").GetInt32()}")];
}
