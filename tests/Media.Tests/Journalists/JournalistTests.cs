using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iom.Contracts.Media;
using Iom.Contracts.Registry;
using Iom.ServiceDefaults.Security;
using Iom.Media.Domain;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Media.Tests.Journalists;

public sealed class JournalistTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task The_email_is_only_shown_to_media_editors_and_admins()
    {
        var id = await api.JournalistAsync();
        var asEditor = await api.Editor.GetFromJsonAsync<JsonElement>($"/api/media/journalists/{id}");
        var asModerator = await media.ClientFor(SuiteRoles.CampaignModerator).GetFromJsonAsync<JsonElement>($"/api/media/journalists/{id}");

        Assert.EndsWith("@ipsnews.net", asEditor.GetProperty("email").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, asModerator.GetProperty("email").ValueKind);
        Assert.Equal("IPS Africa", asModerator.GetProperty("outlet").GetString());
    }

    [Fact]
    public async Task Bad_journalist_input_is_a_400_naming_each_field()
    {
        var response = await api.Editor.PostAsJsonAsync("/api/media/journalists", new
        {
            name = "",
            outlet = "x",
            country = "XX",
            beats = new[] { "gossip" },
            languages = new[] { "zz" },
            email = "not-an-email",
            partnerId = Guid.NewGuid(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "name", "country", "beats", "languages", "email", "partnerId" }, fields);
    }

    [Fact]
    public async Task A_key_is_shown_once_and_stored_only_as_its_hash()
    {
        var journalist = await api.JournalistAsync();
        var (keyId, key) = await api.KeyAsync(journalist);
        var (_, second) = await api.KeyAsync(journalist);

        var stored = await media.QueryAsync(db => db.FeedKeys.AsNoTracking().SingleAsync(k => k.Id == keyId));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.Hash);
        var listed = await api.Editor.GetStringAsync($"/api/media/journalists/{journalist}/keys");
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(listed).RootElement.GetArrayLength());
        // Both keys work at once (rotation).
        Assert.Equal(HttpStatusCode.OK, (await api.Feed(key).GetAsync("/feeds/stories.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Feed(second).GetAsync("/feeds/stories.json")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_at_once_the_others_keep_working_and_JournalistKeyRevoked_goes_out()
    {
        await using var probe = await BusProbe.StartAsync(media.Servers.RabbitMq, typeof(JournalistKeyRevoked));
        var journalist = await api.JournalistAsync();
        var (keyId, key) = await api.KeyAsync(journalist);
        var (_, other) = await api.KeyAsync(journalist);
        Assert.Equal(HttpStatusCode.OK, (await api.Feed(key).GetAsync("/feeds/stories.atom")).StatusCode); // now cached as valid in Redis

        var revoke = await api.Editor.PostAsJsonAsync($"/api/media/journalists/{journalist}/keys/{keyId}/revoke", new { reason = "rotated" });
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Feed(key).GetAsync("/feeds/stories.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Feed(other).GetAsync("/feeds/stories.atom")).StatusCode);
        var message = await probe.WaitForAsync<JournalistKeyRevoked>(m => m.GetProperty("keyId").GetGuid() == keyId);
        Assert.Equal(journalist, message.Message.GetProperty("journalistId").GetGuid());
        Assert.DoesNotContain(key, message.RawBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await api.Editor.PostAsJsonAsync($"/api/media/journalists/{journalist}/keys/{keyId}/revoke", new { })).StatusCode);
    }

    [Fact]
    public async Task A_suspended_media_partner_suspends_its_journalists_keys_until_reinstated()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(media.Servers.RabbitMq, typeof(JournalistKeyRevoked));
        var partner = await api.MediaPartnerAsync(bus);
        var (keyId, key) = await api.KeyAsync(await api.JournalistAsync(partner));
        Assert.Equal(HttpStatusCode.OK, (await api.Feed(key).GetAsync("/feeds/stories.json")).StatusCode);

        await bus.PublishAsync(new PartnerSuspended(partner, "media-organisation", "Agreement under review", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await api.Feed(key).GetAsync("/feeds/stories.json")).StatusCode == HttpStatusCode.Unauthorized, what: "the suspension");
        var revoked = await probe.WaitForAsync<JournalistKeyRevoked>(m => m.GetProperty("keyId").GetGuid() == keyId);
        Assert.Equal("media partner suspended", revoked.Message.GetProperty("reason").GetString());

        await bus.PublishAsync(new PartnerReinstated(partner, "media-organisation", DateTimeOffset.UtcNow.AddSeconds(1)));
        await Eventually.TrueAsync(async () => (await api.Feed(key).GetAsync("/feeds/stories.json")).StatusCode == HttpStatusCode.OK, what: "the reinstatement");

        await bus.PublishAsync(new PartnerArchived(partner, "media-organisation", "Partnership ended", DateTimeOffset.UtcNow.AddSeconds(2)));
        await Eventually.TrueAsync(async () => (await api.Feed(key).GetAsync("/feeds/stories.json")).StatusCode == HttpStatusCode.Unauthorized, what: "the archival");
    }

    [Fact]
    public async Task Partners_of_other_types_do_not_enter_the_media_read_model()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var ngo = Guid.NewGuid();
        await bus.PublishAsync(new PartnerRegistered(ngo, "Some NGO", null, "ngo", "national", "KE", ["KE"], [], DateTimeOffset.UtcNow));
        var marker = await api.MediaPartnerAsync(bus);

        Assert.True(await media.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == marker)));
        Assert.False(await media.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == ngo)));
    }

    [Fact]
    public async Task A_suspension_that_overtakes_PartnerRegistered_is_kept_and_the_registration_fills_in_the_profile()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var id = Guid.NewGuid();
        var registeredAt = DateTimeOffset.UtcNow;

        await bus.PublishAsync(new PartnerSuspended(id, "media-organisation", "Agreement under review", registeredAt.AddMinutes(1)));
        var placeholder = await Eventually.GetAsync(() => media.QueryAsync(db => db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id)), what: "the placeholder");
        Assert.Equal((PartnerStatus.Suspended, (string?)null), (placeholder.Status, placeholder.Type));

        await bus.PublishAsync(new PartnerRegistered(id, "Late Registered News", "LRN", "media-organisation", "international", "IT", ["IT"], ["media"], registeredAt));
        var partner = await Eventually.GetAsync(() => media.QueryAsync(db => db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.Type != null)), what: "the registration");
        Assert.Equal(("Late Registered News", PartnerStatus.Suspended), (partner.Name, partner.Status));
    }
}
