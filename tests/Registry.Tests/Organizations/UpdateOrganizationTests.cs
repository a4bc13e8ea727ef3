using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Registry.Tests.Organizations;

public sealed class UpdateOrganizationTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private static HttpRequestMessage Put(Guid id, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/registry/organizations/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private async Task<string> ETagAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/registry/organizations/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    [Fact]
    public async Task An_update_with_the_current_ETag_changes_the_profile_audits_the_fields_and_publishes_PartnerUpdated_without_focal_points()
    {
        await using var probe = await BusProbe.StartAsync(registry.Servers.RabbitMq, typeof(PartnerUpdated));
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var name = Partners.Unique("CARE International");
        var id = await registry.RegisterAsync(Partners.Body(name));
        var etag = await ETagAsync(client, id);

        var response = await client.SendAsync(Put(id, Partners.Body(name, themes: ["humanitarian-response"], countries: ["KE", "LB", "SD"]), etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());
        var seen = await probe.WaitForAsync<PartnerUpdated>(m => m.GetProperty("partnerId").GetGuid() == id);
        Assert.Equal(["countriesOfOperation", "themes"], seen.Message.GetProperty("changedFields").EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.Equal(["humanitarian-response"], seen.Message.GetProperty("themes").EnumerateArray().Select(e => e.GetString()!));
        Assert.DoesNotContain(Partners.FocalEmail, seen.RawBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Partners.FocalPhone, seen.RawBody, StringComparison.Ordinal);

        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/registry/organizations/{id}/audit");
        var last = audit.EnumerateArray().Last();
        Assert.Equal("updated", last.GetProperty("action").GetString());
        Assert.Equal("test-registry-editor", last.GetProperty("actor").GetString());
        Assert.Equal(["countriesOfOperation", "themes"], last.GetProperty("changedFields").EnumerateArray().Select(e => e.GetString()!).Order());
        var stored = await registry.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == id));
        Assert.Equal(["humanitarian-response"], stored.Themes);
        Assert.Contains("Africa", stored.Regions);
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_412_and_changes_nothing_and_a_missing_one_is_a_428()
    {
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var name = Partners.Unique("Refugees International");
        var id = await registry.RegisterAsync(Partners.Body(name, "US"));
        var stale = await ETagAsync(client, id);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Put(id, Partners.Body(name, "US", themes: ["advocacy"]), stale))).StatusCode);
        var before = await registry.QueryAsync(async db => (await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id), await db.Set<OutboxMessage>().CountAsync(), await db.AuditTrail.CountAsync()));

        var conflicting = await client.SendAsync(Put(id, Partners.Body(name, "US", themes: ["research"]), stale));
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflicting.StatusCode);
        Assert.Equal("application/problem+json", conflicting.Content.Headers.ContentType?.MediaType);

        var missing = await client.SendAsync(Put(id, Partners.Body(name, "US", themes: ["research"]), null));
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);

        var after = await registry.QueryAsync(async db => (await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id), await db.Set<OutboxMessage>().CountAsync(), await db.AuditTrail.CountAsync()));
        Assert.Equal(["advocacy"], after.Item1.Themes);
        Assert.Equal(before.Item1.Version, after.Item1.Version);
        Assert.Equal(before.Item2, after.Item2);
        Assert.Equal(before.Item3, after.Item3);
    }

    [Fact]
    public async Task Sending_the_same_profile_again_changes_nothing_and_publishes_nothing()
    {
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var name = Partners.Unique("Mary Robinson Foundation");
        var body = Partners.Body(name, "IE");
        var id = await registry.RegisterAsync(body);
        var etag = await ETagAsync(client, id);
        var outbox = await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync());

        var response = await client.SendAsync(Put(id, body, etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.Equal(outbox, await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task A_focal_point_may_update_its_own_organisation_but_gets_404_for_another()
    {
        var name = Partners.Unique("Action contre la faim");
        var id = await registry.RegisterAsync(Partners.Body(name, "FR"));
        var otherName = Partners.Unique("Hugo Observatory");
        var other = await registry.RegisterAsync(Partners.Body(otherName, "BE"));
        var focal = registry.ClientFor(SuiteRoles.CsoFocalPoint, id);
        var etag = await ETagAsync(focal, id);

        var own = await focal.SendAsync(Put(id, Partners.Body(name, "FR", themes: ["humanitarian-response"], focalPoints: false), etag));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain(Partners.FocalEmail, await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var otherEtag = await ETagAsync(registry.ClientFor(SuiteRoles.RegistryEditor), other);
        var foreign = await focal.SendAsync(Put(other, Partners.Body(otherName, "BE", themes: ["research"]), otherEtag));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var stored = await registry.QueryAsync(db => db.Organizations.Include(o => o.FocalPoints).AsNoTracking().Where(o => o.Id == id || o.Id == other).ToListAsync());
        Assert.Equal(["humanitarian-response"], stored.Single(o => o.Id == id).Themes);
        Assert.Single(stored.Single(o => o.Id == id).FocalPoints);
        Assert.NotEqual(["research"], stored.Single(o => o.Id == other).Themes);
        Assert.Equal(HttpStatusCode.Forbidden, (await registry.ClientFor(SuiteRoles.MediaEditor).SendAsync(Put(id, Partners.Body(name, "FR"), etag))).StatusCode);
    }

    [Fact]
    public async Task An_invalid_update_is_a_400_naming_the_field_and_writes_nothing()
    {
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var name = Partners.Unique("Sciences Po");
        var id = await registry.RegisterAsync(Partners.Body(name, "FR", "academic-institution"));
        var etag = await ETagAsync(client, id);

        var response = await client.SendAsync(Put(id, Partners.Body(name, "FR", themes: ["research", "astrology"]), etag));

        await response.AssertProblemNamesAsync("themes[1]");
        Assert.Equal(etag, await ETagAsync(client, id));
    }
}
