using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Registry.Tests.Agreements;

public sealed class AgreementTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private HttpClient Editor => registry.ClientFor(SuiteRoles.RegistryEditor);

    private async Task<Guid> DraftAsync(Guid organization, string startsOn = "2026-01-01", string? endsOn = "2027-12-31")
    {
        var response = await Editor.PostAsJsonAsync($"/api/registry/organizations/{organization}/agreements", new
        {
            kind = "implementing-partner-agreement",
            title = "Assisted voluntary return support",
            themes = new[] { "assisted-voluntary-return-and-reintegration" },
            countries = new[] { "NE", "ML" },
            startsOn,
            endsOn,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Activating_publishes_AgreementSigned_and_ending_or_terminating_publishes_AgreementEnded()
    {
        await using var probe = await BusProbe.StartAsync(registry.Servers.RabbitMq, typeof(AgreementSigned), typeof(AgreementEnded));
        var partner = await registry.RegisterAsync(Partners.Body(Partners.Unique("Action contre la faim"), "FR"));
        var first = await DraftAsync(partner);
        var second = await DraftAsync(partner, "2026-06-01", null); // overlapping dates are allowed

        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsync($"/api/registry/agreements/{first}/activate", null)).StatusCode);
        var signed = await probe.WaitForAsync<AgreementSigned>(m => m.GetProperty("agreementId").GetGuid() == first);
        Assert.Equal(partner, signed.Message.GetProperty("partnerId").GetGuid());
        Assert.Equal("implementing-partner-agreement", signed.Message.GetProperty("kind").GetString());
        Assert.Equal(["ML", "NE"], signed.Message.GetProperty("countries").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("2026-01-01", signed.Message.GetProperty("startsOn").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsJsonAsync($"/api/registry/agreements/{first}/end", new { endedOn = "2027-12-31" })).StatusCode);
        var ended = await probe.WaitForAsync<AgreementEnded>(m => m.GetProperty("agreementId").GetGuid() == first);
        Assert.Equal("ended", ended.Message.GetProperty("outcome").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsync($"/api/registry/agreements/{second}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsJsonAsync($"/api/registry/agreements/{second}/terminate", new { endedOn = "2026-09-30", reason = "Funding ended" })).StatusCode);
        var terminated = await probe.WaitForAsync<AgreementEnded>(m => m.GetProperty("agreementId").GetGuid() == second);
        Assert.Equal("terminated", terminated.Message.GetProperty("outcome").GetString());
        Assert.Equal("2026-09-30", terminated.Message.GetProperty("endedOn").GetString());

        var listed = await Editor.GetFromJsonAsync<JsonElement>($"/api/registry/organizations/{partner}/agreements");
        Assert.Equal(["ended", "terminated"], listed.EnumerateArray().Select(a => a.GetProperty("status").GetString()!));
    }

    [Fact]
    public async Task Illegal_moves_are_409s_and_publish_nothing()
    {
        var partner = await registry.RegisterAsync(Partners.Body(Partners.Unique("CARE International"), "CH"));
        var draft = await DraftAsync(partner);
        var outbox = await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync());

        Assert.Equal(HttpStatusCode.Conflict, (await Editor.PostAsJsonAsync($"/api/registry/agreements/{draft}/end", new { endedOn = "2026-02-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Editor.PostAsync($"/api/registry/agreements/{draft}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Editor.PostAsync($"/api/registry/agreements/{draft}/activate", null)).StatusCode);
        await (await Editor.PostAsJsonAsync($"/api/registry/agreements/{draft}/end", new { endedOn = "2025-12-31" })).AssertProblemNamesAsync("endedOn");
        await (await Editor.PostAsJsonAsync($"/api/registry/agreements/{draft}/terminate", new { endedOn = "2026-03-01" })).AssertProblemNamesAsync("reason");

        Assert.Equal(outbox + 1, await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.PostAsync($"/api/registry/agreements/{Guid.NewGuid()}/activate", null)).StatusCode);
    }

    public static TheoryData<string, string> BadAgreements => new()
    {
        { """{"kind":"handshake","title":"T","startsOn":"2026-01-01"}""", "kind" },
        { """{"kind":"project-agreement","title":" ","startsOn":"2026-01-01"}""", "title" },
        { """{"kind":"project-agreement","title":"T","startsOn":"2026-01-01","endsOn":"2025-12-31"}""", "endsOn" },
        { """{"kind":"project-agreement","title":"T"}""", "startsOn" },
        { """{"kind":"project-agreement","title":"T","startsOn":"2026-01-01","themes":["research","knitting"]}""", "themes[1]" },
        { """{"kind":"project-agreement","title":"T","startsOn":"2026-01-01","countries":["XX"]}""", "countries[0]" },
        { """{"kind":"project-agreement","title":"T","startsOn":"yesterday"}""", "startsOn" },
    };

    [Theory]
    [MemberData(nameof(BadAgreements))]
    public async Task A_bad_agreement_is_a_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var partner = await registry.RegisterAsync(Partners.Body(Partners.Unique("Agreement Partner"), "CH"));
        await (await Editor.PostAsync($"/api/registry/organizations/{partner}/agreements", Partners.Json(body))).AssertProblemNamesAsync(field);
        Assert.Equal(0, await registry.QueryAsync(db => db.Agreements.CountAsync(a => a.OrganizationId == partner)));
    }
}
