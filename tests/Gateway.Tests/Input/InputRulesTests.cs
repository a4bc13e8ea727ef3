using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iom.ServiceDefaults.Errors;
using Iom.ServiceDefaults.Input;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Iom.Gateway.Tests.Input;

/// <summary>Issue 13 §1: the input rules every service gets from ServiceDefaults, on a minimal host.</summary>
public sealed class InputRulesTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;

    public sealed record Body(string? Title, DateTimeOffset? At, DateOnly? On);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddProblemDetailsDefaults();
        builder.Services.AddInputRules();
        app = builder.Build();
        app.UseProblemDetailsDefaults();
        app.UseInputRules();
        app.MapPost("/echo", (Body body) => TypedResults.Ok(new { body.Title, At = body.At?.ToString("O"), Offset = body.At?.Offset.ToString(), body.On }));
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        client.PostAsync(new Uri("/echo", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_date_time_with_an_offset_is_accepted_and_normalised_to_UTC()
    {
        using var response = await PostAsync("""{"title":"t","at":"2027-01-15T10:00:00+03:00"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2027-01-15T07:00:00.0000000+00:00", echo.GetProperty("at").GetString());
        Assert.Equal("00:00:00", echo.GetProperty("offset").GetString());
    }

    [Theory]
    [InlineData("""{"title":"nul\u0000inside"}""", "title")]
    [InlineData("""{"title":"escape\u001b[31m"}""", "title")]
    [InlineData("""{"title":"\uffff"}""", "title")]
    [InlineData("""{"title":"lone \ud800 surrogate"}""", "title")]
    [InlineData("""{"at":"0001-01-01T00:00:00Z"}""", "at")]
    [InlineData("""{"at":"9999-12-31T23:59:59-03:00"}""", "at")]
    [InlineData("""{"on":"9999-12-31"}""", "on")]
    [InlineData("""{"on":"0001-01-01"}""", "on")]
    public async Task Refused_input_is_a_400_naming_the_field(string json, string field)
    {
        using var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tabs_line_breaks_and_other_scripts_pass()
    {
        using var response = await PostAsync("""{"title":"a\tb\r\nc – مرحبا 🙂","on":"2027-02-01"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_query_parameter_with_a_control_character_is_a_400_naming_it()
    {
        using var response = await client.PostAsync(new Uri("/echo?q=a%01b", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Theory]
    [InlineData("plain text", true)]
    [InlineData("tab\tand\nnewline", true)]
    [InlineData("😀 pair", true)]
    [InlineData("nul\0", false)]
    [InlineData("\u000B", false)]
    public void TextRules_accept_what_XML_can_carry(string text, bool acceptable) =>
        Assert.Equal(acceptable, TextRules.IsAcceptable(text));
}
