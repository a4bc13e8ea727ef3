using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.Registry.Tests;

/// <summary>Test helpers: unique names and registering an organisation through the API.</summary>
public static class Partners
{
    public const string FocalEmail = "amina.focal@example.org";
    public const string FocalPhone = "+41 22 717 9111";

    public static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    public static object Body(string name, string country = "CH", string type = "ngo", string scope = "international", string[]? countries = null, string[]? themes = null, bool focalPoints = true, string? acronym = null) => new
    {
        name,
        acronym,
        type,
        scope,
        country,
        countriesOfOperation = countries ?? ["KE", "LB"],
        themes = themes ?? ["resettlement", "migration-health"],
        languages = new[] { "en", "fr" },
        website = "https://example.org",
        iatiIdentifier = "XM-DAC-41304",
        focalPoints = focalPoints ? new[] { new { name = "Amina Focal", role = "Partnerships lead", email = FocalEmail, phone = FocalPhone } } : null,
    };

    public static async Task<Guid> RegisterAsync(this RegistryFactory registry, object body)
    {
        var response = await registry.ClientFor(SuiteRoles.RegistryEditor).PostAsJsonAsync("/api/registry/organizations", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<Guid> RegisterAsync(this RegistryFactory registry, string name, string country = "CH", string type = "ngo") =>
        registry.RegisterAsync(Body(name, country, type));

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task AssertProblemNamesAsync(this HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {body}");
    }
}
