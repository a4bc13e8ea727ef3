using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Campaign.Domain;
using Iom.Contracts.Registry;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Campaign.Tests;

/// <summary>Sample bodies and the few calls most tests start with.</summary>
public static class CampaignApi
{
    public const string Story =
        "I arrived with one bag and no words of the language. A neighbour taught me to cook her soup, and now I teach her children mine.";

    public sealed record Receipt(Guid Id, string Secret);

    public static Dictionary<string, object?> Testimony(
        string? title = null, string language = "en", string[]? consents = null, string? story = null, string[]? themes = null,
        string? countryOfOrigin = "SY", string? countryOfResidence = "DE", string display = "first-name", string? firstName = "Amal") => new()
        {
            ["title"] = title ?? $"A soup for the neighbours {Guid.NewGuid():N}",
            ["story"] = story ?? Story,
            ["language"] = language,
            ["countryOfOrigin"] = countryOfOrigin,
            ["countryOfResidence"] = countryOfResidence,
            ["themes"] = themes ?? ["diversity-and-inclusion"],
            ["display"] = display,
            ["firstName"] = display == "first-name" ? firstName : null,
            ["consents"] = consents ?? ["campaign-app", "social-media", "press"],
        };

    public static async Task<Receipt> SubmitAsync(this CampaignFactory campaign, Dictionary<string, object?>? body = null)
    {
        var response = await campaign.CreateClient().PostAsJsonAsync("/api/campaign/testimonies", body ?? Testimony());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Receipt(receipt.GetProperty("testimonyId").GetGuid(), receipt.GetProperty("receiptSecret").GetString()!);
    }

    public static HttpClient Moderator(this CampaignFactory campaign, string subject = "moderator-1")
    {
        var client = campaign.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(SuiteRoles.CampaignModerator, subject: subject));
        return client;
    }

    public static async Task<HttpResponseMessage> ApproveAsync(this CampaignFactory campaign, Guid id, object? body = null) =>
        await campaign.Moderator().PostAsJsonAsync($"/api/campaign/moderation/testimonies/{id}/approval", body ?? new { });

    public static async Task<Receipt> SubmitAndPublishAsync(this CampaignFactory campaign, Dictionary<string, object?>? body = null)
    {
        var receipt = await campaign.SubmitAsync(body);
        var approved = await campaign.ApproveAsync(receipt.Id);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return receipt;
    }

    /// <summary>An active partner in Campaign's read model, put there the only way there is: a Registry event.</summary>
    public static async Task<Guid> RegisterPartnerAsync(this CampaignFactory campaign, TestBus bus, string name = "Global Future")
    {
        var id = Guid.NewGuid();
        await bus.PublishAsync(new PartnerRegistered(id, name, null, "ngo", "national", "CH", ["CH"], ["diversity-and-inclusion"], DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(() => campaign.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == id && p.Status == PartnerStatus.Active)), what: "the partner in the read model");
        return id;
    }

    public static Dictionary<string, object?> Action(string? title = null, int volunteers = 5, DateTimeOffset? startsAt = null, string country = "KE") => new()
    {
        ["title"] = title ?? $"Welcome dinner {Guid.NewGuid():N}",
        ["description"] = "Cook and share a meal with newly arrived families.",
        ["startsAt"] = startsAt ?? DateTimeOffset.UtcNow.AddDays(10),
        ["online"] = false,
        ["country"] = country,
        ["city"] = "Nairobi",
        ["themes"] = new[] { "volunteerism" },
        ["volunteersNeeded"] = volunteers,
    };

    public static async Task<Guid> PostActionAsync(this CampaignFactory campaign, Guid organizationId, Dictionary<string, object?>? body = null)
    {
        var response = await campaign.ClientFor(SuiteRoles.CsoFocalPoint, organizationId)
            .PostAsJsonAsync($"/api/campaign/organizations/{organizationId}/actions", body ?? Action());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Outbox rows of the event type that mention the id (staged by the service, published or not).</summary>
    public static async Task<int> StagedAsync<TEvent>(this CampaignFactory campaign, Guid id)
    {
        var rows = await campaign.QueryAsync(db => db.Set<Iom.Messaging.Outbox.OutboxMessage>()
            .Where(m => m.MessageType.StartsWith(typeof(TEvent).FullName!)).Select(m => m.Body).ToListAsync());
        return rows.Count(b => b.Contains(id.ToString(), StringComparison.Ordinal));
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
