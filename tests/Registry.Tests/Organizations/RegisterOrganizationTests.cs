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

        // The relay marks the row sent after the broker confirmed it: poll, the probe may see the message first.
        await Eventually.TrueAsync(() => registry.QueryAsync(async db => (await db.Set<OutboxMessage>().SingleAsync(m => m.MessageId == seen.MessageId)).SentAt is not null));
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
        { """{"name":"A","type":"ngo","country":"CH","scope":"galactic"}""", "scope" },
        { """{"name":"A","type":"ngo","country":"CH","countriesOfOperation":["KE","ZZ"]}""", "countriesOfOperation[1]" },
        { """{"name":"A","type":"ngo","country":"CH","themes":["resettlement","knitting"]}""", "themes[1]" },
        { """{"name":"A","type":"ngo","country":"CH","languages":["english"]}""", "languages[0]" },
        { """{"name":"A","type":"ngo","country":"CH","iatiIdentifier":"xm-dac-41304"}""", "iatiIdentifier" },
        { """{"name":"A","type":"ngo","country":"CH","iatiIdentifier":"41304"}""", "iatiIdentifier" },
        { """{"name":"A","type":"ngo","country":"CH","website":"ftp://example.org"}""", "website" },
        { """{"name":"A","type":"ngo","country":"CH","focalPoints":[{"name":"X","email":"not-an-email"}]}""", "focalPoints[0].email" },
        { """{"name":"A","type":"ngo","country":"CH","themes":"resettlement"}""", "themes" },
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

    [Fact]
    public async Task PartnerRegistered_carries_scope_countries_and_themes_and_never_the_focal_points()
    {
        await using var probe = await BusProbe.StartAsync(registry.Servers.RabbitMq, typeof(PartnerRegistered));
        var name = Partners.Unique("Friedrich-Ebert-Stiftung");
        var id = await registry.RegisterAsync(Partners.Body(name, "DE", "philanthropic-foundation", "international", ["CH", "KE"], ["migration-governance", "research"]));

        var seen = await probe.WaitForAsync<PartnerRegistered>(m => m.GetProperty("partnerId").GetGuid() == id);
        Assert.Equal("international", seen.Message.GetProperty("scope").GetString());
        Assert.Equal(["CH", "DE", "KE"], seen.Message.GetProperty("countriesOfOperation").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["migration-governance", "research"], seen.Message.GetProperty("themes").EnumerateArray().Select(e => e.GetString()!));
        Assert.DoesNotContain(Partners.FocalEmail, seen.RawBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Partners.FocalPhone, seen.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", seen.RawBody, StringComparison.Ordinal);

        var stored = await registry.QueryAsync(db => db.Organizations.Include(o => o.FocalPoints).SingleAsync(o => o.Id == id));
        Assert.Equal(["Africa", "Europe"], stored.Regions);
        Assert.Equal(Partners.FocalEmail, Assert.Single(stored.FocalPoints).Email);
        Assert.Equal("XM-DAC-41304", stored.IatiIdentifier);
    }

    [Fact]
    public async Task Similar_names_in_the_same_country_are_reported_as_possible_duplicates_without_blocking()
    {
        var client = registry.ClientFor(SuiteRoles.RegistryEditor);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var firstId = await registry.RegisterAsync(Partners.Body($"Alaska Institute for Justice {suffix}", "US"));

        var response = await client.PostAsJsonAsync("/api/registry/organizations", Partners.Body($"Alaska Institute of Justice {suffix}", "US"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var duplicates = (await response.ReadJsonAsync()).GetProperty("possibleDuplicates").EnumerateArray().ToList();
        Assert.Contains(duplicates, d => d.GetProperty("id").GetGuid() == firstId);

        var elsewhere = await client.PostAsJsonAsync("/api/registry/organizations", Partners.Body($"Alaska Institute of Justice {suffix}", "CA"));
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.DoesNotContain((await elsewhere.ReadJsonAsync()).GetProperty("possibleDuplicates").EnumerateArray(), d => d.GetProperty("id").GetGuid() == firstId);
    }

    [Fact]
    public async Task Focal_points_are_shown_to_staff_only_and_a_focal_point_sees_only_its_own_organisation()
    {
        var id = await registry.RegisterAsync(Partners.Body(Partners.Unique("Global Future")));
        var other = await registry.RegisterAsync(Partners.Body(Partners.Unique("RAED"), "LB"));

        var asStaff = await registry.ClientFor(SuiteRoles.ConsultationOrganizer).GetAsync($"/api/registry/organizations/{id}");
        Assert.Contains(Partners.FocalEmail, await asStaff.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var focal = registry.ClientFor(SuiteRoles.CsoFocalPoint, id);
        var own = await focal.GetAsync($"/api/registry/organizations/{id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var ownBody = await own.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Partners.FocalEmail, ownBody, StringComparison.Ordinal);
        Assert.DoesNotContain("focalPoints", ownBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await focal.GetAsync($"/api/registry/organizations/{other}")).StatusCode);
    }
}
