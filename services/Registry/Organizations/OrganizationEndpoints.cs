using Iom.ServiceDefaults.Security;

namespace Iom.Registry.Organizations;

public static class OrganizationEndpoints
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
            .WithDescription($"Body: {CsvFormat.ContentType} (UTF-8) with the header {string.Join(',', CsvFormat.Columns)} (lists separated by ';'; an export's extra columns {string.Join(',', CsvFormat.ExportOnlyColumns)} are ignored).")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody?.Content?.TryGetValue(CsvFormat.ContentType, out var csv) == true)
                {
                    csv.Example = System.Text.Json.Nodes.JsonValue.Create(CsvFormat.Example);
                }

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
