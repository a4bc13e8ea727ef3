using System.Text.Json;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Gateway.Tests.OpenApi;

/// <summary>
/// The security part of every service's OpenAPI document (ServiceDefaults): bearer on guarded operations, nothing on
/// anonymous ones, the feed key (header or query) on /feeds, and a relative server so the gateway's copy works.
/// </summary>
public sealed class SuiteOpenApiTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private JsonElement document;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthorization(o => o.AddPolicy("staff", p => p.RequireRole("admin")));
        builder.Services.AddOpenApi(options => options.AddSuiteSecuritySchemes());
        app = builder.Build();
        app.MapGet("/api/sample/things", () => Results.Ok()).RequireAuthorization("staff");
        app.MapGet("/api/sample/public/things", () => Results.Ok()).AllowAnonymous();
        app.MapGet("/feeds/stories.rss", () => Results.Ok()).AllowAnonymous();
        app.MapOpenApi();
        await app.StartAsync();
        using var client = app.GetTestClient();
        document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement.Clone();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public void The_document_declares_the_bearer_and_feed_key_schemes()
    {
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty(SuiteOpenApi.BearerScheme).GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty(SuiteOpenApi.BearerScheme).GetProperty("scheme").GetString());
        Assert.Equal("JWT", schemes.GetProperty(SuiteOpenApi.BearerScheme).GetProperty("bearerFormat").GetString());
        Assert.Equal("X-Feed-Key", schemes.GetProperty(SuiteOpenApi.FeedKeyHeaderScheme).GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty(SuiteOpenApi.FeedKeyHeaderScheme).GetProperty("in").GetString());
        Assert.Equal("key", schemes.GetProperty(SuiteOpenApi.FeedKeyQueryScheme).GetProperty("name").GetString());
        Assert.Equal("query", schemes.GetProperty(SuiteOpenApi.FeedKeyQueryScheme).GetProperty("in").GetString());
    }

    [Fact]
    public void A_guarded_operation_requires_the_bearer_token_and_documents_401_and_403()
    {
        var operation = Operation("/api/sample/things");
        Assert.Equal([SuiteOpenApi.BearerScheme], Requirements(operation));
        Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _));
    }

    [Fact]
    public void An_anonymous_operation_requires_nothing_and_a_feed_takes_the_key_in_the_header_or_the_query()
    {
        Assert.Empty(Requirements(Operation("/api/sample/public/things")));
        Assert.Equal([SuiteOpenApi.FeedKeyHeaderScheme, SuiteOpenApi.FeedKeyQueryScheme], Requirements(Operation("/feeds/stories.rss")));
        Assert.False(document.TryGetProperty("security", out _), "No document-wide requirement: anonymous operations would inherit it.");
    }

    [Fact]
    public void The_server_is_relative_so_the_document_works_through_the_gateway()
    {
        var servers = document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Equal(["/"], servers);
    }

    private JsonElement Operation(string path) => document.GetProperty("paths").GetProperty(path).GetProperty("get");

    /// <summary>The scheme names of each alternative requirement, in order.</summary>
    private static List<string> Requirements(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList()
            : [];
}
