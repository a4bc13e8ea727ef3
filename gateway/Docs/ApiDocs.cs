using Iom.Gateway.FrontDoor;
using Iom.Gateway.RateLimiting;
using Scalar.AspNetCore;

namespace Iom.Gateway.Docs;

/// <summary>
/// One API reference for the suite at /docs (Scalar), listing the four services' OpenAPI documents, which the
/// gateway proxies from each service (/openapi/registry.json → registry's /openapi/v1.json; routes in appsettings).
/// The page and its script are served by the gateway itself, fonts from the system: it works offline. The AsyncAPI
/// document of the integration events (docs/asyncapi/events.json, embedded) is served at /asyncapi/events.json and listed too.
/// </summary>
internal static class ApiDocs
{
    /// <summary>The services whose documents the page lists (a route openapi-{name} proxies each).</summary>
    public static readonly IReadOnlyList<(string Name, string Title)> Services =
    [
        ("registry", "Registry"),
        ("consultations", "Consultations"),
        ("campaign", "Campaign"),
        ("media", "Media"),
    ];

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapScalarApiReference(SecurityHeaders.DocsPath, options =>
        {
            // No buttons to Scalar's hosted services (its API client app, AI agent, MCP) and no telemetry to them.
            options.WithTitle("IOM civil society APIs")
                .DisableDefaultFonts()
                .HideClientButton()
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                .AddPreferredSecuritySchemes("Bearer");
            foreach (var (name, title) in Services)
            {
                options.AddDocument(name, title, $"/openapi/{name}.json", isDefault: name == "registry");
            }

            options.AddAsyncApiDocument("events", "Integration events (AsyncAPI)", AsyncApiPath);
            // Also a plain link, for integrators who want the file itself (and for readers that do not run the script).
            options.AddHeadContent($"<link rel=\"alternate\" type=\"application/json\" title=\"Integration events (AsyncAPI 3.0)\" href=\"{AsyncApiPath}\">")
                .AddHeaderContent($"<p>Integration events on RabbitMQ: <a href=\"{AsyncApiPath}\">the AsyncAPI 3.0 document</a> (README, \"Integrating with the events\").</p>");
        })
            .AllowAnonymous()
            .RequireRateLimiting(GatewayRateLimiting.PerCaller);
        app.MapGet(AsyncApiPath, () => TypedResults.Bytes(AsyncApiDocument.Value, "application/json"))
            .AllowAnonymous()
            .RequireRateLimiting(GatewayRateLimiting.PerCaller)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The AsyncAPI 3.0 document of the integration events, next to the services' OpenAPI documents.</summary>
    public const string AsyncApiPath = "/asyncapi/events.json";

    private static readonly Lazy<byte[]> AsyncApiDocument = new(() =>
    {
        using var stream = typeof(ApiDocs).Assembly.GetManifestResourceStream("asyncapi/events.json")
            ?? throw new InvalidOperationException("The AsyncAPI document is not embedded (docs/asyncapi/events.json).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
