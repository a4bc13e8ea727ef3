using System.Net;
using System.Text.RegularExpressions;
using Iom.Gateway.Tests.Support;
using Xunit;

namespace Iom.Gateway.Tests.Docs;

/// <summary>The API reference at /docs: anonymous, self-contained (no CDN), listing the four services' documents.</summary>
public sealed partial class ApiDocsTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task The_docs_page_is_anonymous_lists_the_four_services_and_loads_nothing_from_elsewhere()
    {
        using var client = gateway.Anonymous();
        using var response = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        foreach (var service in new[] { "registry", "consultations", "campaign", "media" })
        {
            Assert.Contains($"\"openapi/{service}.json\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);

        var external = ExternalReference().Matches(html).Select(m => m.Value).ToList();
        Assert.True(external.Count == 0, "The page loads from elsewhere: " + string.Join(", ", external));
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docs_address_without_a_slash_redirects_to_the_page()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.Address };
        using var response = await client.GetAsync("/docs");
        Assert.True(response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect,
            $"{(int)response.StatusCode}");
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException("No Location");
        Assert.Equal("/docs/", new Uri(new Uri(gateway.Address, "/docs"), location).AbsolutePath);
    }

    [Fact]
    public async Task The_scripts_the_page_uses_are_served_by_the_gateway()
    {
        using var client = gateway.Anonymous();
        var html = await client.GetStringAsync("/docs/");
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            using var script = await client.GetAsync(new Uri(new Uri(gateway.Address, "/docs/"), src));
            Assert.True(script.StatusCode == HttpStatusCode.OK, $"{src}: {(int)script.StatusCode}");
            Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 1000, $"{src} is empty");
        }
    }

    [Theory]
    [InlineData("registry")]
    [InlineData("consultations")]
    [InlineData("campaign")]
    [InlineData("media")]
    public async Task Each_services_document_is_proxied_anonymously_from_its_openapi_endpoint(string service)
    {
        using var client = gateway.Anonymous();
        using var response = await client.GetAsync($"/openapi/{service}.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"title\":\"stub\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the service's, not the gateway's
    }

    [Fact]
    public async Task The_event_contracts_AsyncAPI_document_is_served_anonymously_and_listed_on_the_page()
    {
        using var client = gateway.Anonymous();
        using var response = await client.GetAsync("/asyncapi/events.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3.0.0", document.RootElement.GetProperty("asyncapi").GetString());
        Assert.Equal("Iom.Contracts.Registry:PartnerRegistered",
            document.RootElement.GetProperty("channels").GetProperty("PartnerRegistered").GetProperty("address").GetString());

        var html = await client.GetStringAsync("/docs/");
        Assert.Contains("/asyncapi/events.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_offers_no_buttons_to_Scalars_hosted_services()
    {
        using var client = gateway.Anonymous();
        var html = await client.GetStringAsync("/docs/");

        // The hosted API client (client.scalar.com), the AI agent and the MCP server are switched off, and so is telemetry.
        Assert.Contains("\"hideClientButton\":true", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        Assert.DoesNotContain("scalar.com", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:)?//[^"'\s>]+""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""<script[^>]*\ssrc\s*=\s*["'](?<src>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
