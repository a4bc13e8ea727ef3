using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Registry;
using Iom.Messaging;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Registry.Tests.Organizations;

public sealed class RegisterOrganizationTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private static string UniqueName(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task Registering_an_organisation_stores_it_and_publishes_PartnerRegistered_on_the_bus()
    {
        await using var probe = await BusProbe.StartAsync(registry.Servers.RabbitMq, typeof(PartnerRegistered));
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var name = UniqueName("International Council of Voluntary Agencies");

        var response = await client.PostAsJsonAsync("/api/registry/organizations", new { name, acronym = "ICVA", type = "ngo-consortium", country = "ch" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/registry/organizations/{id}", response.Headers.Location?.ToString());
        Assert.Equal("CH", created.GetProperty("country").GetString());

        var stored = await registry.QueryAsync(db => db.Organizations.SingleAsync(o => o.Id == id));
        Assert.Equal(name, stored.Name);
        Assert.Equal("ICVA", stored.Acronym);

        var seen = await probe.WaitForAsync<PartnerRegistered>(m => m.GetProperty("partnerId").GetGuid() == id);
        Assert.Equal(name, seen.Message.GetProperty("name").GetString());
        Assert.Equal("ngo-consortium", seen.Message.GetProperty("type").GetString());
        Assert.Equal("CH", seen.Message.GetProperty("country").GetString());

        var outboxRow = await registry.QueryAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.MessageId == seen.MessageId));
        Assert.NotNull(outboxRow.SentAt);
    }

    [Fact]
    public async Task Getting_a_registered_organisation_returns_it_and_an_unknown_id_is_404()
    {
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var name = UniqueName("Global Future");
        var created = await (await client.PostAsJsonAsync("/api/registry/organizations", new { name, type = "ngo", country = "CH" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/registry/organizations/{id}");
        Assert.Equal(name, found.GetProperty("name").GetString());

        var missing = await client.GetAsync($"/api/registry/organizations/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"type":"ngo","country":"CH"}""", "name" },
        { """{"name":"  ","type":"ngo","country":"CH"}""", "name" },
        { """{"name":"A","type":"charity","country":"CH"}""", "type" },
        { """{"name":"A","type":"ngo","country":"XX"}""", "country" },
        { """{"name":"A","type":"ngo","country":"CHE"}""", "country" },
        { """{"name":"A","type":"ngo","country":"CH" """, "body" },
        { """{"name":42,"type":"ngo","country":"CH"}""", "name" },
        { "not json at all", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_request_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var before = await registry.QueryAsync(async db => (await db.Organizations.CountAsync(), await db.Set<OutboxMessage>().CountAsync()));

        var response = await client.PostAsync("/api/registry/organizations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        var after = await registry.QueryAsync(async db => (await db.Organizations.CountAsync(), await db.Set<OutboxMessage>().CountAsync()));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_duplicate_name_in_the_same_country_is_a_409_and_stages_no_second_event()
    {
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var name = UniqueName("Refugees International");
        var first = await client.PostAsJsonAsync("/api/registry/organizations", new { name, type = "ngo", country = "US" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var outboxBefore = await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync());

        var second = await client.PostAsJsonAsync("/api/registry/organizations", new { name = "  " + name.ToLowerInvariant() + " ", type = "ngo", country = "us" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(1, await registry.QueryAsync(db => db.Organizations.CountAsync(o => o.Name == name)));
        Assert.Equal(outboxBefore, await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));

        var elsewhere = await client.PostAsJsonAsync("/api/registry/organizations", new { name, type = "ngo", country = "CA" });
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Only_registry_editors_and_admins_may_register_and_anonymous_callers_get_401()
    {
        var body = new { name = UniqueName("RAED"), type = "ngo", country = "LB" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await registry.CreateClient().PostAsJsonAsync("/api/registry/organizations", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registry.ClientFor(SuiteRoles.MediaEditor).PostAsJsonAsync("/api/registry/organizations", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await registry.ClientFor(SuiteRoles.Admin).PostAsJsonAsync("/api/registry/organizations", body)).StatusCode);
    }
}
