using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Registry.Tests.Consortia;

public sealed class ConsortiumMembershipTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private HttpClient Editor => registry.ClientFor(SuiteRoles.RegistryEditor);

    private async Task<List<Guid>> MembersAsync(Guid consortium, string asOf) =>
        (await Editor.GetFromJsonAsync<JsonElement>($"/api/registry/organizations/{consortium}/members?asOf={asOf}"))
            .GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task The_consortium_lists_its_members_as_of_a_date()
    {
        var consortium = await registry.RegisterAsync(Partners.Body(Partners.Unique("ICVA"), "CH", "ngo-consortium"));
        var early = await registry.RegisterAsync(Partners.Body(Partners.Unique("Early Member"), "CH"));
        var late = await registry.RegisterAsync(Partners.Body(Partners.Unique("Late Member"), "KE"));
        Assert.Equal(HttpStatusCode.Created, (await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members", new { memberId = early, from = "1984-01-01", to = "2000-12-31" })).StatusCode);
        var lateMembership = await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members", new { memberId = late, from = "1995-06-01" });
        Assert.Equal(HttpStatusCode.Created, lateMembership.StatusCode);

        Assert.Equal([early], await MembersAsync(consortium, "1990-01-01"));
        Assert.Equal(2, (await MembersAsync(consortium, "2000-12-31")).Count);
        Assert.Equal([late], await MembersAsync(consortium, "2001-01-01"));
        Assert.Empty(await MembersAsync(consortium, "1983-12-31"));

        var membershipId = (await lateMembership.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members/{membershipId}/end", new { to = "2020-01-01" })).StatusCode);
        Assert.Empty(await MembersAsync(consortium, "2021-01-01"));
    }

    [Fact]
    public async Task Bad_memberships_are_refused_and_nothing_is_stored()
    {
        var consortium = await registry.RegisterAsync(Partners.Body(Partners.Unique("Consortium"), "CH", "ngo-consortium"));
        var ngo = await registry.RegisterAsync(Partners.Body(Partners.Unique("Plain NGO"), "CH"));
        var other = await registry.RegisterAsync(Partners.Body(Partners.Unique("Other NGO"), "CH"));

        await (await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members", new { memberId = ngo, from = "2020-01-01", to = "2019-01-01" })).AssertProblemNamesAsync("to");
        await (await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members", new { memberId = Guid.NewGuid(), from = "2020-01-01" })).AssertProblemNamesAsync("memberId");
        await (await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members", new { memberId = consortium, from = "2020-01-01" })).AssertProblemNamesAsync("memberId");
        await (await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members", new { memberId = ngo })).AssertProblemNamesAsync("from");
        Assert.Equal(HttpStatusCode.Conflict, (await Editor.PostAsJsonAsync($"/api/registry/organizations/{ngo}/members", new { memberId = other, from = "2020-01-01" })).StatusCode);
        await (await Editor.GetAsync($"/api/registry/organizations/{consortium}/members?asOf=soon")).AssertProblemNamesAsync("asOf");

        Assert.Equal(HttpStatusCode.Created, (await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members", new { memberId = ngo, from = "2020-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Editor.PostAsJsonAsync($"/api/registry/organizations/{consortium}/members", new { memberId = ngo, from = "2022-01-01" })).StatusCode);
        Assert.Equal(1, await registry.QueryAsync(db => db.ConsortiumMemberships.CountAsync(m => m.ConsortiumId == consortium)));
    }
}
