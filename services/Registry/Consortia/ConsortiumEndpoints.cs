using Iom.ServiceDefaults.Security;

namespace Iom.Registry.Consortia;

internal static class ConsortiumEndpoints
{
    public static IEndpointRouteBuilder MapConsortia(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registry/organizations/{id:guid}/members").WithTags("Consortium membership");
        group.MapPost("/", AddConsortiumMember.HandleAsync).WithName(nameof(AddConsortiumMember))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapGet("/", ListConsortiumMembers.HandleAsync).WithName(nameof(ListConsortiumMembers))
            .RequireAuthorization(SuitePolicies.Staff);
        group.MapPost("/{membershipId:guid}/end", EndConsortiumMembership.HandleAsync).WithName(nameof(EndConsortiumMembership))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        return app;
    }
}
