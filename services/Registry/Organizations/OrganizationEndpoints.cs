using Iom.ServiceDefaults.Security;

namespace Iom.Registry.Organizations;

public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registry/organizations").WithTags("Organizations");
        group.MapPost("/", RegisterOrganization.HandleAsync).WithName(nameof(RegisterOrganization))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapGet("/{id:guid}", GetOrganization.HandleAsync).WithName(nameof(GetOrganization))
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        return app;
    }
}
