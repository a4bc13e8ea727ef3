using Iom.ServiceDefaults.Security;

namespace Iom.Registry.CapacityDevelopment;

internal static class CapacityDevelopmentEndpoints
{
    public static IEndpointRouteBuilder MapCapacityDevelopment(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registry").WithTags("Capacity development");
        group.MapPost("/organizations/{id:guid}/capacity-development", RecordCapacityDevelopment.HandleAsync).WithName(nameof(RecordCapacityDevelopment))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapGet("/organizations/{id:guid}/capacity-development", ListCapacityDevelopment.HandleAsync).WithName(nameof(ListCapacityDevelopment))
            .RequireAuthorization(SuitePolicies.Staff);
        return app;
    }
}
