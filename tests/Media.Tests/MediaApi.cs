using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Registry;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Media.Tests;

/// <summary>Test helpers that go through the real API: journalists, keys, stories, feed clients.</summary>
public sealed class MediaApi(MediaFactory media)
{
    public HttpClient Editor { get; } = media.ClientFor(SuiteRoles.MediaEditor);

    public async Task<Guid> JournalistAsync(Guid? partnerId = null, string name = "Amina Diallo")
    {
        var response = await Editor.PostAsJsonAsync("/api/media/journalists", new
        {
            name,
            outlet = "IPS Africa",
            country = "SN",
            beats = new[] { "countering-xenophobia" },
            languages = new[] { "fr", "en" },
            email = $"j{Guid.NewGuid():N}@ipsnews.net",
            partnerId,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<(Guid KeyId, string Key)> KeyAsync(Guid journalistId, bool embargoAccess = false)
    {
        var response = await Editor.PostAsJsonAsync($"/api/media/journalists/{journalistId}/keys", new { label = "reader", embargoAccess });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetGuid(), json.GetProperty("key").GetString()!);
    }

    public async Task<string> NewKeyAsync(bool embargoAccess = false) => (await KeyAsync(await JournalistAsync(), embargoAccess)).Key;

    public HttpClient Feed(string key)
    {
        var client = media.CreateClient();
        client.DefaultRequestHeaders.Add("X-Feed-Key", key);
        return client;
    }

    public async Task<Guid> DraftAsync(string headline, string theme = "countering-xenophobia", string region = "Africa", string language = "en")
    {
        var response = await Editor.PostAsJsonAsync("/api/media/stories", new
        {
            headline,
            summary = "Summary of " + headline,
            body = "Body of " + headline,
            themes = new[] { theme },
            regions = new[] { region },
            languages = new[] { language },
            source = "media-team",
            attribution = "IPS",
            usageTerms = "Free with attribution",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> PublishedAsync(string headline, string theme = "countering-xenophobia", string region = "Africa", string language = "en")
    {
        var id = await DraftAsync(headline, theme, region, language);
        var response = await Editor.PostAsync($"/api/media/stories/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return id;
    }

    public async Task<Guid> MediaPartnerAsync(TestBus bus)
    {
        var id = Guid.NewGuid();
        await bus.PublishAsync(new PartnerRegistered(id, "Inter Press Service " + id.ToString("N")[..6], "IPS", "media-organisation", "international", "IT", ["IT"], ["media"], DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == id)), what: "the media partner");
        return id;
    }
}
