using Iom.ServiceDefaults.Security;
using Microsoft.OpenApi;

namespace Iom.Registry.Organizations;

internal static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registry/organizations").WithTags("Organizations");
        group.MapPost("/", RegisterOrganization.HandleAsync).WithName(nameof(RegisterOrganization))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapGet("/", SearchOrganizations.HandleAsync).WithName(nameof(SearchOrganizations))
            .RequireAuthorization(SuitePolicies.Staff);
        group.MapGet("/export", ExportOrganizations.Handle).WithName(nameof(ExportOrganizations))
            .RequireAuthorization(SuitePolicies.Staff);
        group.MapPost("/import", ImportOrganizations.HandleAsync).WithName(nameof(ImportOrganizations))
            .WithDescription($"Creates or updates organisations from a spreadsheet. Body: {CsvFormat.ContentType} (UTF-8), columns described on the body; lists separated by '{CsvFormat.ListSeparator}'.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            // The handler reads the stream itself, so the body is described here (not with Accepts, whose content-type
            // matching in routing would answer 415 before authorization has refused a caller).
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = CsvFormat.Description,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [CsvFormat.ContentType] = new()
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = CsvFormat.Description },
                            Example = System.Text.Json.Nodes.JsonValue.Create(CsvFormat.Example),
                        },
                    },
                };
                return Task.CompletedTask;
            })
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapGet("/{id:guid}", GetOrganization.HandleAsync).WithName(nameof(GetOrganization))
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapPut("/{id:guid}", UpdateOrganization.HandleAsync).WithName(nameof(UpdateOrganization))
            .WithDescription("Replaces the profile. Requires If-Match with the ETag from GET: missing → 428, stale → 412.")
            .RequireAuthorization(RegistryPolicies.EditorOrFocalPoint);
        group.MapGet("/{id:guid}/audit", GetAuditTrail.HandleAsync).WithName(nameof(GetAuditTrail))
            .RequireAuthorization(SuitePolicies.Staff);
        group.MapPost("/{id:guid}/suspend", SuspendOrganization.HandleAsync).WithName(nameof(SuspendOrganization))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapPost("/{id:guid}/reinstate", ReinstateOrganization.HandleAsync).WithName(nameof(ReinstateOrganization))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapPost("/{id:guid}/archive", ArchiveOrganization.HandleAsync).WithName(nameof(ArchiveOrganization))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        return app;
    }
}
