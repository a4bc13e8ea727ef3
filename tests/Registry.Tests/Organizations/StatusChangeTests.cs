using System.Net;
using System.Net.Http.Json;
using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Registry.Tests.Organizations;

public sealed class StatusChangeTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task Suspending_reinstating_and_archiving_publish_their_events_and_are_audited()
    {
        await using var probe = await BusProbe.StartAsync(registry.Servers.RabbitMq, typeof(PartnerSuspended), typeof(PartnerReinstated), typeof(PartnerArchived));
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("Inter Press Service"), "IT", "media-organisation"));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/registry/organizations/{id}/suspend", new { reason = "Audit pending" })).StatusCode);
        var suspended = await probe.WaitForAsync<PartnerSuspended>(m => m.GetProperty("partnerId").GetGuid() == id);
        Assert.Equal("Audit pending", suspended.Message.GetProperty("reason").GetString());
        Assert.Equal("media-organisation", suspended.Message.GetProperty("type").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/registry/organizations/{id}/reinstate", new { })).StatusCode);
        await probe.WaitForAsync<PartnerReinstated>(m => m.GetProperty("partnerId").GetGuid() == id);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/registry/organizations/{id}/archive", new { reason = "Dissolved" })).StatusCode);
        await probe.WaitForAsync<PartnerArchived>(m => m.GetProperty("partnerId").GetGuid() == id && m.GetProperty("reason").GetString() == "Dissolved");

        var stored = await registry.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == id));
        Assert.Equal("Archived", stored.Status.ToString());
        Assert.Equal("Dissolved", stored.StatusReason);
        Assert.NotNull(stored.StatusChangedAt);
        var actions = await registry.QueryAsync(db => db.AuditTrail.Where(a => a.OrganizationId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["registered", "suspended", "reinstated", "archived"], actions);
    }

    [Fact]
    public async Task An_illegal_transition_is_a_409_a_missing_reason_a_400_and_neither_publishes()
    {
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("IDMC"), "CH"));
        var outbox = await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync());

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/registry/organizations/{id}/reinstate", new { })).StatusCode);
        await (await client.PostAsJsonAsync($"/api/registry/organizations/{id}/suspend", new { reason = " " })).AssertProblemNamesAsync("reason");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/registry/organizations/{Guid.NewGuid()}/suspend", new { reason = "x" })).StatusCode);

        Assert.Equal(outbox, await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));
        Assert.Equal("Active", (await registry.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == id))).Status.ToString());
    }
}
