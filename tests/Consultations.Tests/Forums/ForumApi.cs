using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.Consultations.Tests.Forums;

/// <summary>A forum opened through the API, with its two topics.</summary>
public sealed record OpenedForum(Guid ConsultationId, Guid Id, Guid Topic, Guid OtherTopic);

/// <summary>An individual's receipt.</summary>
public sealed record Receipt(Guid Id, string Secret);

/// <summary>Drives the forum through its HTTP API.</summary>
public static class ForumApi
{
    public static async Task<OpenedForum> OpenForumAsync(this ConsultationsFactory factory, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null)
    {
        var consultation = await factory.ScheduleAsync(ConsultationsApi.ConsultationBody(title: "GCM thematic session on diaspora contributions"));
        var response = await factory.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{consultation}/forum", new
        {
            title = "iDiaspora: diaspora contributions to the global compact",
            opensAt = opensAt ?? DateTimeOffset.UtcNow.AddDays(-1),
            closesAt = closesAt ?? DateTimeOffset.UtcNow.AddDays(30),
            languages = new[] { "en", "fr", "es" },
            topics = new[]
            {
                new { title = "Remittances", question = "How can the compact lower the cost of sending money home?" },
                new { title = "Skills", question = "How should diaspora skills be recognised?" },
            },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var forum = await response.Content.ReadFromJsonAsync<JsonElement>();
        var topics = forum.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        return new OpenedForum(consultation, forum.GetProperty("id").GetGuid(), topics[0], topics[1]);
    }

    public static Task<HttpResponseMessage> ContributeAnonymouslyAsync(this ConsultationsFactory factory, Guid forum, object body) =>
        factory.CreateClient().PostAsJsonAsync($"/api/consultations/public/forums/{forum}/contributions", body);

    public static async Task<Receipt> ContributeAnonymouslyOkAsync(this ConsultationsFactory factory, OpenedForum forum, string text = "Lower the fees of money transfer operators.", string country = "SN", string language = "fr", Guid? topic = null, Guid? parent = null)
    {
        var response = await factory.ContributeAnonymouslyAsync(forum.Id, new { topicId = topic ?? forum.Topic, parentId = parent, countryOfOrigin = country, language, text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Receipt(receipt.GetProperty("id").GetGuid(), receipt.GetProperty("secret").GetString()!);
    }

    public static async Task<Guid> ContributeForOrganizationOkAsync(this ConsultationsFactory factory, OpenedForum forum, Guid organization, string text = "Our members in Europe ask for portable pensions.", string country = "PH", string language = "en")
    {
        var response = await factory.ClientFor(SuiteRoles.CsoFocalPoint, organization).PostAsJsonAsync($"/api/consultations/forums/{forum.Id}/contributions",
            new { organizationId = organization, topicId = forum.Topic, countryOfOrigin = country, language, text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task ApproveAsync(this ConsultationsFactory factory, Guid contribution, bool acknowledgeFlags = false)
    {
        var response = await factory.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/forum-contributions/{contribution}/approval", new { acknowledgeFlags });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static HttpRequestMessage WithReceipt(this HttpRequestMessage request, Receipt receipt, bool asSupporter = false)
    {
        if (asSupporter)
        {
            request.Headers.Add("X-Receipt-Id", receipt.Id.ToString());
        }

        request.Headers.Add("X-Receipt-Secret", receipt.Secret);
        return request;
    }

    public static async Task<JsonElement> PublicPageAsync(this ConsultationsFactory factory, Guid forum, string query = "")
    {
        var response = await factory.CreateClient().GetAsync($"/api/consultations/public/forums/{forum}/contributions{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static List<Guid> Ids(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
