using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.Registry.Tests.CapacityDevelopment;

public sealed class CapacityDevelopmentTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task Records_are_stored_and_listed_with_totals()
    {
        var editor = registry.ClientFor(SuiteRoles.RegistryEditor);
        var partner = await registry.RegisterAsync(Partners.Body(Partners.Unique("Local Shelter"), "NP"));

        var first = await editor.PostAsJsonAsync($"/api/registry/organizations/{partner}/capacity-development",
            new { topic = "Identifying and assisting victims of trafficking", on = "2026-02-10", hours = 16, peopleTrained = 24, themes = new[] { "counter-trafficking-and-protection" } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync($"/api/registry/organizations/{partner}/capacity-development",
            new { topic = "Case management for returnees", on = "2026-04-02", hours = 6.5, peopleTrained = 10 })).StatusCode);

        var listed = await registry.ClientFor(SuiteRoles.ConsultationOrganizer).GetFromJsonAsync<JsonElement>($"/api/registry/organizations/{partner}/capacity-development");
        Assert.Equal(22.5m, listed.GetProperty("totalHours").GetDecimal());
        Assert.Equal(34, listed.GetProperty("totalPeopleTrained").GetInt64());
        Assert.Equal("Case management for returnees", listed.GetProperty("items")[0].GetProperty("topic").GetString());
    }

    [Theory]
    [InlineData("""{"on":"2026-01-01","hours":1,"peopleTrained":1}""", "topic")]
    [InlineData("""{"topic":"T","hours":1,"peopleTrained":1}""", "on")]
    [InlineData("""{"topic":"T","on":"2026-01-01","hours":0,"peopleTrained":1}""", "hours")]
    [InlineData("""{"topic":"T","on":"2026-01-01","hours":1,"peopleTrained":-3}""", "peopleTrained")]
    [InlineData("""{"topic":"T","on":"2026-01-01","hours":"many","peopleTrained":1}""", "hours")]
    public async Task A_bad_record_is_a_400_naming_the_field(string body, string field)
    {
        var partner = await registry.RegisterAsync(Partners.Body(Partners.Unique("Trainee"), "NP"));
        await (await registry.ClientFor(SuiteRoles.RegistryEditor).PostAsync($"/api/registry/organizations/{partner}/capacity-development", Partners.Json(body))).AssertProblemNamesAsync(field);
    }
}
