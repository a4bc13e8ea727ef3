using System.Text.Json.Serialization.Metadata;
using Iom.ServiceDefaults.Settings;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;

namespace Iom.ServiceDefaults.OpenApi;

/// <summary>
/// What every service's OpenAPI document says about itself (issue 13 §2): schema names unique per type (a nested
/// <c>CreateStory.Request</c> is <c>CreateStoryRequest</c>, not one "Request" shared by forty routes), and a title and
/// description from configuration (<c>OpenApi:Title</c>, <c>OpenApi:Description</c>) followed by how to get a token.
/// </summary>
internal static class SuiteOpenApiDocuments
{
    public const string TokenHelp =
        "Staff and CSO focal points send a JWT as `Authorization: Bearer …` from the identity provider (`Auth:Authority`). " +
        "Locally the suite signs tokens with a documented development key: `scripts/dev-token.sh ROLE [ORGANISATION_ID]` " +
        "mints one for `admin`, `registry-editor`, `consultation-organizer`, `campaign-moderator`, `media-editor`, " +
        "`cso-focal-point` (with the organisation it acts for) or `journalist`. Errors are RFC 9457 ProblemDetails; a 400 names " +
        "each field in `errors`. Integration events: the AsyncAPI document at `/asyncapi/events.json`.";

    public static OpenApiOptions AddSuiteDocumentInfo(this OpenApiOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CreateSchemaReferenceId = SchemaReferenceId;
        options.AddDocumentTransformer((document, _, _) =>
        {
            var settings = configuration.ReadSettings<OpenApiSettings>(OpenApiSettings.Section);
            document.Info ??= new OpenApiInfo();
            if (settings.Title is { Length: > 0 } title)
            {
                document.Info.Title = title;
            }

            var purpose = settings.Description;
            document.Info.Description = string.IsNullOrWhiteSpace(purpose) ? TokenHelp : purpose.Trim() + "\n\n" + TokenHelp;
            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>The framework's name, prefixed by the declaring types of a nested type (CreateStory.Request → CreateStoryRequest).</summary>
    public static string? SchemaReferenceId(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
        if (id is null)
        {
            return null;
        }

        var prefix = string.Empty;
        for (var declaring = typeInfo.Type.DeclaringType; declaring is not null; declaring = declaring.DeclaringType)
        {
            prefix = StripArity(declaring.Name) + prefix;
        }

        return prefix + id;
    }

    private static string StripArity(string name) => name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;
}

/// <summary>OpenApi:Title and OpenApi:Description: how a service's OpenAPI document introduces itself.</summary>
internal sealed class OpenApiSettings
{
    public const string Section = "OpenApi";

    public string? Title { get; set; }

    public string? Description { get; set; }
}
