using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Iom.ServiceDefaults.OpenApi;

/// <summary>
/// What every service's OpenAPI document says about access: the JWT bearer scheme on every operation that needs a
/// token (with its 401/403 answers), no requirement on anonymous ones, the feed key (header or query) on /feeds.
/// Servers are given as "/" so the document works both from the service and through the gateway.
/// </summary>
internal static class SuiteOpenApi
{
    public const string BearerScheme = "Bearer";
    public const string FeedKeyHeaderScheme = "FeedKey";
    public const string FeedKeyQueryScheme = "FeedKeyQuery";
    public const string FeedKeyHeader = "X-Feed-Key";
    public const string FeedKeyQuery = "key";
    private const string FeedsPrefix = "feeds";

    public static OpenApiOptions AddSuiteSecuritySchemes(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [new OpenApiServer { Url = "/", Description = "This host (the gateway, or the service itself)" }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from the identity provider; locally: scripts/dev-token.sh ROLE [ORGANISATION_ID].",
            };
            if (document.Paths.Keys.Any(IsFeed))
            {
                document.Components.SecuritySchemes[FeedKeyHeaderScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = FeedKeyHeader,
                    Description = "A journalist's feed key (feeds only).",
                };
                document.Components.SecuritySchemes[FeedKeyQueryScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Query,
                    Name = FeedKeyQuery,
                    Description = "A journalist's feed key in the URL, for feed readers that cannot send headers.",
                };
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var path = context.Description.RelativePath ?? string.Empty;
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (IsFeed(path))
            {
                operation.Security =
                [
                    Requirement(FeedKeyHeaderScheme, context.Document),
                    Requirement(FeedKeyQueryScheme, context.Document),
                ];
            }
            else if (!metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [Requirement(BearerScheme, context.Document)];
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid token." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's role may not do this." });
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static bool IsFeed(string path) =>
        path.TrimStart('/').StartsWith(FeedsPrefix + "/", StringComparison.OrdinalIgnoreCase)
        || string.Equals(path.Trim('/'), FeedsPrefix, StringComparison.OrdinalIgnoreCase);
}
