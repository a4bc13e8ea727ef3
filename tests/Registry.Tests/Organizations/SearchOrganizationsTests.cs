using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.Registry.Tests.Organizations;

public sealed class SearchOrganizationsTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private HttpClient Staff => registry.ClientFor(SuiteRoles.ConsultationOrganizer);

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await Staff.GetAsync("/api/registry/organizations?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task Paging_through_a_filtered_list_returns_every_match_once_in_a_stable_order_even_when_rows_are_added_meanwhile()
    {
        var created = new List<(Guid Id, string Name)>();
        for (var i = 0; i < 23; i++)
        {
            var name = $"Union {i % 7} {Guid.NewGuid():N}"[..20];
            created.Add((await registry.RegisterAsync(Partners.Body(name, "NR", "trade-union", focalPoints: false)), name));
        }

        var seen = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync($"type=trade-union&country=nr&limit=5{(after is null ? string.Empty : "&after=" + after)}");
            Assert.Equal(pages == 0 ? 23 : 24, page.GetProperty("total").GetInt64());
            Assert.True(page.GetProperty("items").GetArrayLength() <= 5);
            seen.AddRange(Ids(page));
            after = page.GetProperty("next").GetString();
            if (pages++ == 0)
            {
                // Sorts before everything already paged: must not appear later nor shift the pages.
                await registry.RegisterAsync(Partners.Body("AAA Union " + Guid.NewGuid().ToString("N")[..8], "NR", "trade-union", focalPoints: false));
            }
        }
        while (after is not null);

        Assert.Equal(5, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(created.OrderBy(c => c.Name.ToUpperInvariant(), StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => c.Id), seen);
    }

    [Fact]
    public async Task A_misspelt_search_finds_the_organisation_by_name_and_by_acronym_with_filters_applied()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var id = await registry.RegisterAsync(Partners.Body($"Refugees International {suffix}", "TV", acronym: "RI", focalPoints: false));
        var unrelated = await registry.RegisterAsync(Partners.Body($"Hugo Observatory {suffix}", "TV", "academic-institution", focalPoints: false));

        var page = await SearchAsync("q=Refugess%20Internatinal&country=TV");
        Assert.Equal(id, Ids(page).First());
        Assert.DoesNotContain(unrelated, Ids(page));
        Assert.True(page.GetProperty("items")[0].GetProperty("score").GetSingle() > 0.3f);

        var byAcronym = await SearchAsync("q=ri&country=TV&type=ngo");
        Assert.Contains(id, Ids(byAcronym));

        var wrongType = await SearchAsync("q=Refugess%20Internatinal&country=TV&type=academic-institution");
        Assert.DoesNotContain(id, Ids(wrongType));
    }

    [Fact]
    public async Task Searching_pages_by_score_without_duplicates_or_omissions()
    {
        var token = "Zanzibar" + Guid.NewGuid().ToString("N")[..4];
        var ids = new List<Guid>();
        foreach (var name in new[] { token, token + " Relief", token + " Relief Network", token + " Migrant Support Association", token + " Diaspora Forum" })
        {
            ids.Add(await registry.RegisterAsync(Partners.Body(name, "TZ", focalPoints: false)));
        }

        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await SearchAsync($"q={token}&country=TZ&limit=2{(after is null ? string.Empty : "&after=" + after)}");
            seen.AddRange(Ids(page));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(ids[0], seen[0]);
    }

    [Fact]
    public async Task Filters_by_region_theme_status_and_observer_select_the_matching_organisations()
    {
        var editor = registry.ClientFor(SuiteRoles.RegistryEditor);
        var a = await registry.RegisterAsync(Partners.Body(Partners.Unique("Pacific Climate Voices"), "FJ", countries: ["TO"], themes: ["environment-and-climate-change"], focalPoints: false));
        var b = await registry.RegisterAsync(Partners.Body(Partners.Unique("Pacific Health Link"), "FJ", countries: ["WS"], themes: ["migration-health"], focalPoints: false));
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/registry/organizations/{b}/suspend", new { reason = "Review" })).StatusCode);

        var climate = Ids(await SearchAsync("region=oceania&theme=environment-and-climate-change&limit=100"));
        Assert.Contains(a, climate);
        Assert.DoesNotContain(b, climate);

        var suspended = Ids(await SearchAsync("country=FJ&status=suspended"));
        Assert.Equal([b], suspended);

        var observers = await SearchAsync("country=FJ&observer=true");
        Assert.Equal(0, observers.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("country=XX", "country")]
    [InlineData("theme=knitting", "theme")]
    [InlineData("type=charity", "type")]
    [InlineData("region=Atlantis", "region")]
    [InlineData("status=sleeping", "status")]
    [InlineData("observer=maybe", "observer")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        await (await Staff.GetAsync("/api/registry/organizations?" + query)).AssertProblemNamesAsync(field);
    }

    [Fact]
    public async Task A_cursor_from_a_name_listing_is_refused_for_a_search()
    {
        await registry.RegisterAsync(Partners.Body(Partners.Unique("Cursor Test A"), "MT", focalPoints: false));
        await registry.RegisterAsync(Partners.Body(Partners.Unique("Cursor Test B"), "MT", focalPoints: false));
        var next = (await SearchAsync("country=MT&limit=1")).GetProperty("next").GetString();
        await (await Staff.GetAsync($"/api/registry/organizations?q=cursor&after={next}")).AssertProblemNamesAsync("after");
    }

    [Fact]
    public async Task The_export_is_a_csv_of_the_filtered_list_without_focal_points()
    {
        var name = Partners.Unique("Export Partner, \"Quoted\"");
        var id = await registry.RegisterAsync(Partners.Body(name, "AD", themes: ["advocacy", "research"]));

        var response = await Staff.GetAsync("/api/registry/organizations/export?country=AD");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,acronym,type,scope,country,countries_of_operation,themes,languages,website,iati_identifier,status,observer,id", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("advocacy;research", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(id.ToString(), lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(Partners.FocalEmail, text, StringComparison.Ordinal);

        await (await Staff.GetAsync("/api/registry/organizations/export?theme=knitting")).AssertProblemNamesAsync("theme");
        Assert.Equal(HttpStatusCode.Forbidden, (await registry.ClientFor(SuiteRoles.CsoFocalPoint, id).GetAsync("/api/registry/organizations/export")).StatusCode);
    }
}
