using Iom.Gateway.FrontDoor;
using Iom.Gateway.RateLimiting;
using Scalar.AspNetCore;

namespace Iom.Gateway.Docs;

/// <summary>
/// One API reference for the suite at /docs (Scalar), listing the four services' OpenAPI documents, which the
/// gateway proxies from each service (/openapi/registry.json → registry's /openapi/v1.json; routes in appsettings).
/// The page and its script are served by the gateway itself, fonts from the system: it works offline.
/// </summary>
public static class ApiDocs
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
            options.WithTitle("IOM civil society APIs")
                .DisableDefaultFonts()
                .AddPreferredSecuritySchemes("Bearer");
            foreach (var (name, title) in Services)
            {
                options.AddDocument(name, title, $"/openapi/{name}.json", isDefault: name == "registry");
            }
        })
            .AllowAnonymous()
            .RequireRateLimiting(GatewayRateLimiting.PerCaller);
        return app;
    }
}
