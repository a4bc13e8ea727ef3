using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Registry.Tests.Observers;

public sealed class ObserverStatusTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private static object Application(string submittedOn = "2026-03-01") => new
    {
        submittedOn,
        supportingStatement = "We work with migrants in twelve countries and wish to take part in the Council's sessions.",
        criteriaMet = new[] { "concerned-with-migration", "international-or-regional-reach" },
    };

    private HttpClient Editor => registry.ClientFor(SuiteRoles.RegistryEditor);

    [Fact]
    public async Task Apply_review_grant_then_withdraw_publishes_granted_and_withdrawn_and_the_observer_list_follows()
    {
        await using var probe = await BusProbe.StartAsync(registry.Servers.RabbitMq, typeof(ObserverStatusGranted), typeof(ObserverStatusWithdrawn));
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("ICVA"), "CH", "ngo-consortium"));
        var focal = registry.ClientFor(SuiteRoles.CsoFocalPoint, id);

        var applied = await focal.PostAsJsonAsync($"/api/registry/organizations/{id}/observer-applications", Application());
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var applicationId = (await applied.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsJsonAsync($"/api/registry/observer-applications/{applicationId}/review", new { notes = "Criteria met." })).StatusCode);
        var decided = await Editor.PostAsJsonAsync($"/api/registry/observer-applications/{applicationId}/decision", new { decision = "granted", decidedOn = "2026-06-15", reference = "C/117/RES/3" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var granted = await probe.WaitForAsync<ObserverStatusGranted>(m => m.GetProperty("partnerId").GetGuid() == id);
        Assert.Equal("C/117/RES/3", granted.Message.GetProperty("decisionReference").GetString());
        Assert.Equal("2026-06-15", granted.Message.GetProperty("decidedOn").GetString());
        var observers = await Editor.GetFromJsonAsync<JsonElement>("/api/registry/observers");
        Assert.Contains(observers.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        Assert.Equal(observers.GetProperty("items").GetArrayLength(), observers.GetProperty("count").GetInt64());
        Assert.Contains(id, (await Editor.GetFromJsonAsync<JsonElement>("/api/registry/organizations?observer=true&limit=100")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        var withdrawn = await Editor.PostAsJsonAsync($"/api/registry/organizations/{id}/observer-status/withdraw", new { reason = "Ceased activities", withdrawnOn = "2026-10-01" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var seen = await probe.WaitForAsync<ObserverStatusWithdrawn>(m => m.GetProperty("partnerId").GetGuid() == id);
        Assert.Equal("Ceased activities", seen.Message.GetProperty("reason").GetString());
        Assert.DoesNotContain((await Editor.GetFromJsonAsync<JsonElement>("/api/registry/observers")).GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        var stored = await registry.QueryAsync(db => db.ObserverApplications.SingleAsync(a => a.Id == applicationId));
        Assert.Equal(new DateOnly(2026, 10, 1), stored.WithdrawnOn);
        Assert.Equal("test-registry-editor", stored.ReviewedBy);
    }

    [Fact]
    public async Task A_second_open_application_is_a_400_naming_the_field_and_writes_nothing()
    {
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("Global Future"), "CH"));
        Assert.Equal(HttpStatusCode.Created, (await Editor.PostAsJsonAsync($"/api/registry/organizations/{id}/observer-applications", Application())).StatusCode);

        var second = await registry.ClientFor(SuiteRoles.CsoFocalPoint, id).PostAsJsonAsync($"/api/registry/organizations/{id}/observer-applications", Application("2026-04-01"));

        await second.AssertProblemNamesAsync("organizationId");
        Assert.Equal(1, await registry.QueryAsync(db => db.ObserverApplications.CountAsync(a => a.OrganizationId == id)));
    }

    [Fact]
    public async Task A_declined_application_publishes_nothing_and_a_new_application_may_follow()
    {
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("RAED"), "LB"));
        var applicationId = (await (await Editor.PostAsJsonAsync($"/api/registry/organizations/{id}/observer-applications", Application())).ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await Editor.PostAsJsonAsync($"/api/registry/observer-applications/{applicationId}/decision", new { decision = "granted", decidedOn = "2026-06-15", reference = "R1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsJsonAsync($"/api/registry/observer-applications/{applicationId}/review", new { })).StatusCode);
        var outbox = await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync());

        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsJsonAsync($"/api/registry/observer-applications/{applicationId}/decision", new { decision = "declined", decidedOn = "2026-06-15", reference = "C/117/3" })).StatusCode);

        Assert.Equal(outbox, await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));
        Assert.False((await registry.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == id))).IsObserver);
        Assert.Equal(HttpStatusCode.Created, (await Editor.PostAsJsonAsync($"/api/registry/organizations/{id}/observer-applications", Application("2026-09-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Editor.PostAsJsonAsync($"/api/registry/organizations/{id}/observer-status/withdraw", new { reason = "x", withdrawnOn = "2026-10-01" })).StatusCode);
    }

    public static TheoryData<string, string> BadApplications => new()
    {
        { """{"supportingStatement":"x","criteriaMet":["concerned-with-migration"]}""", "submittedOn" },
        { """{"submittedOn":"2026-13-45","supportingStatement":"x","criteriaMet":["concerned-with-migration"]}""", "submittedOn" },
        { """{"submittedOn":"2026-01-01","supportingStatement":" ","criteriaMet":["concerned-with-migration"]}""", "supportingStatement" },
        { """{"submittedOn":"2026-01-01","supportingStatement":"x","criteriaMet":[]}""", "criteriaMet" },
        { """{"submittedOn":"2026-01-01","supportingStatement":"x","criteriaMet":["concerned-with-migration","rich"]}""", "criteriaMet[1]" },
    };

    [Theory]
    [MemberData(nameof(BadApplications))]
    public async Task A_bad_application_is_a_400_naming_the_field(string body, string field)
    {
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("Bad Applicant"), "CH"));
        await (await Editor.PostAsync($"/api/registry/organizations/{id}/observer-applications", Partners.Json(body))).AssertProblemNamesAsync(field);
        Assert.Equal(0, await registry.QueryAsync(db => db.ObserverApplications.CountAsync(a => a.OrganizationId == id)));
    }

    [Fact]
    public async Task A_focal_point_cannot_apply_or_look_for_another_organisation()
    {
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("Applicant"), "CH"));
        var focal = registry.ClientFor(SuiteRoles.CsoFocalPoint, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await focal.PostAsJsonAsync($"/api/registry/organizations/{id}/observer-applications", Application())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await focal.GetAsync($"/api/registry/organizations/{id}/observer-applications")).StatusCode);
    }
}
